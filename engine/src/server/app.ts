import { serveStatic } from "@hono/node-server/serve-static";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { bearerAuth } from "hono/bearer-auth";
import { createTrackBody, engineErrorSchema, trackSchema } from "../../../domain/engine-gateway";
import type { RenderPool } from "../pool/pool";
import { inFlight, type TrackStore } from "./tracks";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const error = (description: string) => json(engineErrorSchema, description);
const fail = (code: string, message: string) => ({ error: { code, message } });
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const ENGINE_OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "Refrain engine gateway",
    version: "1.0.0",
    description:
      "Submits songs to the engine's worker pool. Submitting never waits for a render: poll GET /v1/tracks/{id} or give a callbackUrl (Standard Webhooks signature: webhook-id, webhook-timestamp, webhook-signature). On Modal, the proxy in front also requires Modal-Key and Modal-Secret headers.",
  },
} as const;

export function createEngineApp(deps: {
  pool: RenderPool;
  store: TrackStore;
  token: string;
  retryAfterSeconds: number;
}) {
  const { pool, store } = deps;
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success)
        return c.json(
          fail("validation_failed", result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")),
          400,
        );
    },
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });

  const authenticated = bearerAuth({
    token: deps.token,
    noAuthenticationHeader: { message: fail("unauthorized", "Bearer token required") },
    invalidToken: { message: fail("unauthorized", "Invalid token") },
  });

  app.get("/healthz", (c) => c.json({ ok: true, running: pool.running, queued: pool.queued }));
  app.doc31("/v1/openapi.json", ENGINE_OPENAPI);

  // The audio route takes either the bearer token or the signature of a link the engine handed out.
  app.get(
    "/v1/tracks/:id/audio",
    async (c, next) => {
      const { format = "mp3", exp, sig } = c.req.query();
      if (sig && exp && store.verifyAudioUrl(c.req.param("id"), format, Number(exp), sig)) return next();
      return authenticated(c, next);
    },
    async (c, next) => {
      const record = store.get(c.req.param("id"));
      const format = c.req.query("format") === "wav" ? "wav" : "mp3";
      if (record?.status !== "succeeded") return c.json(fail("not_found", "No finished track with this id"), 404);
      c.header("Content-Type", format === "wav" ? "audio/wav" : "audio/mpeg");
      return serveStatic({ path: store.file(record.id, format) })(c, next);
    },
  );

  app.use("/v1/tracks", authenticated);
  app.use("/v1/tracks/*", authenticated);

  return app
    .openapi(
      createRoute({
        method: "post",
        path: "/v1/tracks",
        summary: "Submit a song",
        security: [{ bearer: [] }],
        request: { body: json(createTrackBody, "What to make") },
        responses: {
          202: json(trackSchema, "Queued"),
          400: error("Invalid request"),
          401: error("Missing or wrong token"),
          429: error("Queue full; see Retry-After"),
        },
      }),
      (c) => {
        const { callbackUrl, ...request } = c.req.valid("json");
        const record = store.create(request, callbackUrl ?? null);
        if (!pool.submit(record.id, request)) {
          store.forget(record.id);
          c.header("Retry-After", String(deps.retryAfterSeconds));
          return c.json(fail("busy", "The engine's queue is full; retry later"), 429);
        }
        return c.json(store.view(record), 202);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/v1/tracks/{id}",
        summary: "A track's status, progress and, once finished, its result",
        security: [{ bearer: [] }],
        request: { params: idParam },
        responses: {
          200: json(trackSchema, "The track"),
          401: error("Missing or wrong token"),
          404: error("No such track"),
        },
      }),
      (c) => {
        const record = store.get(c.req.valid("param").id);
        if (!record) return c.json(fail("not_found", "No track with this id"), 404);
        return c.json(store.view(record), 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/v1/tracks/{id}",
        summary: "Cancel a track: a running render is stopped",
        security: [{ bearer: [] }],
        request: { params: idParam },
        responses: {
          200: json(trackSchema, "Canceled (or already finished)"),
          401: error("Missing or wrong token"),
          404: error("No such track"),
        },
      }),
      async (c) => {
        const record = store.get(c.req.valid("param").id);
        if (!record) return c.json(fail("not_found", "No track with this id"), 404);
        if (inFlight(record)) {
          await pool.cancel(record.id);
          record.status = "canceled";
          record.finishedAt = Date.now();
          store.save(record);
        }
        return c.json(store.view(record), 200);
      },
    );
}
