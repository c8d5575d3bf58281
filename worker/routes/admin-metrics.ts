import { createRoute, z } from "@hono/zod-openapi";
import { requireAdmin, requireUser } from "../auth";
import { router } from "../http/app-factory";
import { errorResponses } from "../http/errors";
import { bearer, json } from "../http/openapi";
import { computeMetrics, metricsSchema, metricWindows } from "../observability";

export const adminMetricRoutes = router().openapi(
  createRoute({
    tags: ["Operators"],
    security: bearer,
    middleware: [requireUser, requireAdmin],
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
);
