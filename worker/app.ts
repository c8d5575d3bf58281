import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { database } from "../db";
import { config } from "./config";
import { router } from "./http/app-factory";
import { ApiError } from "./http/errors";
import { log, watchSecrets } from "./observability";
import { accountRoutes } from "./routes/account";
import { adminRoutes } from "./routes/admin";
import { adminCreditRoutes } from "./routes/admin-credits";
import { adminJobRoutes } from "./routes/admin-jobs";
import { adminMetricRoutes } from "./routes/admin-metrics";
import { authRoutes } from "./routes/auth";
import { billingRoutes } from "./routes/billing";
import { creditRoutes } from "./routes/credits";
import { docsPage } from "./routes/docs";
import { giftRoutes } from "./routes/gifts";
import { jobRoutes } from "./routes/jobs";
import { lyricsRoutes } from "./routes/lyrics";
import { projectRoutes } from "./routes/projects";
import { trackRoutes } from "./routes/tracks";
import { webhookRoutes } from "./routes/webhooks";
import { cspNonce, withSecurityHeaders } from "./security";

const OPENAPI = {
  openapi: "3.1.0",
  info: { title: "Refrain", version: "0.1.0", description: "Personalized songs, written, sung and delivered." },
} as const;

/** What serves the pages (the React Router app) when the Worker is built with the web app; inline scripts carry `nonce`. */
export type WebHandler = (request: Request, env: Env, ctx: ExecutionContext, nonce: string) => Promise<Response>;

/** The job a request is about: in its path, or in the Location of the order it created. */
const jobIdOf = (path: string, location: string | null) =>
  /\/(job_(?:\d+_)?[0-9a-f-]{36})\b/.exec(`${path} ${location ?? ""}`)?.[1];

export function createApp(options: { web?: WebHandler } = {}) {
  const app = router();
  app.use("*", requestId());
  app.use("*", async (c, next) => {
    watchSecrets(c.env);
    config(c.env);
    c.set("cspNonce", cspNonce());
    await next();
    c.res = withSecurityHeaders(c.env, c.req.path, c.res, c.var.cspNonce);
  });
  app.use("*", async (c, next) => {
    c.set("db", database(c.env.DB));
    const started = Date.now();
    await next();
    if (!c.req.path.startsWith("/api/")) return;
    const status = c.res.status;
    // The path only: query strings carry callback tokens and link signatures.
    log(status >= 500 ? "error" : "info", "request", {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status,
      user: c.var.user?.id,
      jobId: jobIdOf(c.req.path, c.res.headers.get("location")),
      latencyMs: Date.now() - started,
      ...(c.error ? { error: c.error instanceof ApiError ? c.error.code : "internal" } : {}),
    });
  });
  // Every body: the API's JSON, engines' callbacks and the pages' form posts alike.
  app.use(
    "*",
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new ApiError("payload_too_large", "The request body is larger than 64 KB");
      },
    }),
  );

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  app
    .route("/", authRoutes)
    .route("/", projectRoutes)
    .route("/", jobRoutes)
    .route("/", lyricsRoutes)
    .route("/", creditRoutes)
    .route("/", trackRoutes)
    .route("/", giftRoutes)
    .route("/", webhookRoutes)
    .route("/", adminRoutes)
    .route("/", adminMetricRoutes)
    .route("/", adminJobRoutes)
    .route("/", adminCreditRoutes)
    .route("/", accountRoutes)
    .route("/", billingRoutes);
  app.doc31("/api/openapi.json", OPENAPI);
  app.route(
    "/",
    docsPage(() => app.getOpenAPI31Document(OPENAPI) as never),
  );
  app.get("/health", (c) => c.json({ ok: true }));
  if (options.web) {
    const web = options.web;
    // React Router gets everything the API does not answer (all methods: forms post to pages).
    app.all("*", async (c) => {
      if (c.req.path.startsWith("/api/")) throw new ApiError("not_found", "No such route");
      return web(c.req.raw, c.env, c.executionCtx as ExecutionContext, c.var.cspNonce);
    });
  } else
    app.get("/", (c) =>
      c.html(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Refrain</title></head><body><h1>Refrain</h1><p>Personalized songs. The API is documented at <a href="/api/docs">/api/docs</a>.</p></body></html>`,
      ),
    );

  app.notFound(() => {
    throw new ApiError("not_found", "No such route");
  });
  // The one place errors become responses.
  app.onError((err, c) => {
    if (err instanceof ApiError) {
      for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
      return c.json(err.toBody(), err.status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      const mapped = new ApiError(
        err.status === 413 ? "payload_too_large" : "validation_failed",
        err.message || "The request is malformed",
      );
      return c.json(mapped.toBody(), mapped.status);
    }
    log("error", "unhandled", { requestId: c.var.requestId, path: c.req.path, error: err, stack: err.stack });
    const internal = new ApiError("internal", "Something went wrong on our side");
    return c.json(internal.toBody(), internal.status);
  });
  return app;
}
