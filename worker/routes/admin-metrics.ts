import { createRoute, z } from "@hono/zod-openapi";
import { alertStates } from "../../db";
import { requireAdmin, requireUser } from "../auth";
import { router } from "../http/app-factory";
import { errorResponses } from "../http/errors";
import { bearer, json } from "../http/openapi";
import { alertKinds, computeMetrics, metricsSchema, metricWindows, recentAlerts } from "../observability";

const alertSchema = z
  .object({
    key: z.string().describe('The condition, e.g. "provider_down:suno".'),
    kind: z.enum(alertKinds),
    engine: z.string().nullable().describe("The engine it is about, if any."),
    state: z.enum(alertStates),
    message: z.string().describe("In English, as announced to ALERT_WEBHOOK_URL."),
    firedAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Alert" });

const common = { tags: ["Operators"], security: bearer, middleware: [requireUser, requireAdmin] };

export const adminMetricRoutes = router()
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/admin/metrics",
      summary: "Success rates, generation times, cost per song, styles, backlog per stage and credits, over a window",
      request: { query: z.object({ window: z.enum(metricWindows).default("24h") }) },
      responses: {
        200: json(metricsSchema, "Metrics"),
        ...errorResponses("validation_failed", "unauthorized", "not_found"),
      },
    }),
    async (c) => c.json(await computeMetrics(c.var.db, c.req.valid("query").window), 200),
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/admin/alerts",
      summary: "The alerts firing now, then those resolved in the last 24 hours",
      responses: {
        200: json(z.object({ alerts: z.array(alertSchema) }), "Alerts"),
        ...errorResponses("unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const alerts = await recentAlerts(c.var.db);
      return c.json(
        {
          alerts: alerts.map((a) => ({
            key: a.key,
            kind: a.kind,
            engine: a.engine,
            state: a.state,
            message: a.message,
            firedAt: new Date(a.firedAt).toISOString(),
            resolvedAt: a.resolvedAt === null ? null : new Date(a.resolvedAt).toISOString(),
          })),
        },
        200,
      );
    },
  );
