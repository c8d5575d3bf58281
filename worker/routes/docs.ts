import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { AppEnv } from "../http/context";

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  responses?: Record<string, { description?: string }>;
}

/** A plain HTML reading of the OpenAPI document: works offline, no third-party script. */
export function docsPage(
  getDocument: () => { info: { title: string; version: string }; paths?: Record<string, Record<string, Operation>> },
) {
  return new Hono<AppEnv>().get("/api/docs", (c) => {
    const doc = getDocument();
    const rows = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    const tags = [...new Set(rows.map((r) => r.op.tags?.[0] ?? "Other"))];
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${doc.info.title} — API</title>
          <style nonce="${c.var.cspNonce}">
            body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
            code { background: #f3f3f3; padding: 0 .25rem; border-radius: 3px; }
            .op { border: 1px solid #ddd; border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
            .m { font-weight: 700; text-transform: uppercase; margin-right: .5rem; }
            .r { color: #444; font-size: .9rem; }
          </style>
        </head>
        <body>
          <h1>${doc.info.title} <small>${doc.info.version}</small></h1>
          <p>The machine-readable document is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Authenticated routes take <code>Authorization: Bearer &lt;access token&gt;</code>. Errors are <code>{"error":{"code","message","fields"}}</code>.</p>
          ${tags.map(
            (tag) => html`<h2>${tag}</h2>
              ${rows
                .filter((r) => (r.op.tags?.[0] ?? "Other") === tag)
                .map(
                  ({ path, method, op }) => html`<div class="op">
                    <div><span class="m">${method}</span><code>${path}</code>${op.security?.length ? " 🔒" : ""}</div>
                    <div>${op.summary ?? ""}</div>
                    ${op.description ? html`<p>${op.description}</p>` : ""}
                    <div class="r">${raw(
                      Object.entries(op.responses ?? {})
                        .map(([s, r]) => `<b>${s}</b> ${(r.description ?? "").replace(/[<>&]/g, "")}`)
                        .join(" · "),
                    )}</div>
                  </div>`,
                )}`,
          )}
        </body>
      </html>`);
  });
}
