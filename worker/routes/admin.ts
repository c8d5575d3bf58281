import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { takePreferences } from "../../db";
import { routingConfigSchema } from "../../providers";
import { requireAdmin, requireUser } from "../auth";
import { router } from "../http/app-factory";
import { ApiError, errorResponses } from "../http/errors";
import { bearer, json } from "../http/openapi";
import { callsSince } from "../jobs";
import { circuits, defaultRoutingConfig, loadRoutingConfig, musicRegistry, saveRoutingConfig } from "../routing";

const common = { tags: ["Operators"], security: bearer, middleware: [requireUser, requireAdmin] };
const routingSchema = routingConfigSchema.meta({ id: "RoutingConfig" });

export const adminRoutes = router()
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/admin/routing",
      summary: "The routing in force",
      responses: {
        200: json(z.object({ config: routingSchema, default: routingSchema }), "Routing"),
        ...errorResponses("unauthorized", "not_found"),
      },
    }),
    async (c) =>
      c.json({ config: await loadRoutingConfig(c.env, c.var.db), default: defaultRoutingConfig(c.env) }, 200),
  )
  .openapi(
    createRoute({
      ...common,
      method: "put",
      path: "/api/admin/routing",
      summary:
        "Replace the routing (weights, ramp, failover chain, blind comparison, breaker), effective for the next order",
      request: { body: json(routingSchema, "The new routing") },
      responses: {
        200: json(z.object({ config: routingSchema }), "Stored"),
        ...errorResponses("validation_failed", "unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const config = c.req.valid("json");
      const registry = musicRegistry(c.env);
      const named = [
        ...config.arms.map((a) => a.provider),
        ...(config.ramp ? [config.ramp.provider] : []),
        ...config.failover,
        ...(config.blind?.providers ?? []),
      ];
      const unknown = [...new Set(named.filter((p) => !registry.has(p)))];
      if (unknown.length)
        throw new ApiError("validation_failed", `Unknown engines: ${unknown.join(", ")}`, {
          providers: [`configured engines: ${registry.ids().join(", ")}`],
        });
      await saveRoutingConfig(c.var.db, config, c.var.user.id);
      return c.json({ config }, 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/admin/providers",
      summary: "Each engine's circuit and its last hour of calls",
      responses: {
        200: json(
          z.object({
            providers: z.array(
              z.object({
                id: z.string(),
                circuit: z.string(),
                openedAt: z.string().nullable(),
                calls: z.int(),
                errors: z.int(),
                meanLatencyMs: z.number().nullable(),
              }),
            ),
          }),
          "Engines",
        ),
        ...errorResponses("unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const since = Date.now() - 3_600_000;
      const [health, calls] = await Promise.all([
        circuits(c.var.db),
        c.var.db.all<{ provider: string; calls: number; errors: number; meanLatencyMs: number | null }>(sql`
          select provider, count(*) as calls, sum(outcome = 'error') as errors, avg(latency_ms) as meanLatencyMs
          from ${callsSince(since)} k group by provider`),
      ]);
      const ids = [...new Set([...musicRegistry(c.env).ids(), ...health.map((h) => h.provider)])];
      return c.json(
        {
          providers: ids.map((id) => {
            const h = health.find((x) => x.provider === id);
            const k = calls.find((x) => x.provider === id);
            return {
              id,
              circuit: h?.state ?? "closed",
              openedAt: h?.openedAt ?? null,
              calls: k?.calls ?? 0,
              errors: k?.errors ?? 0,
              meanLatencyMs: k?.meanLatencyMs ?? null,
            };
          }),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/admin/preferences",
      summary: "Blind comparisons: which engine's take people kept, per pair",
      responses: {
        200: json(
          z.object({
            pairs: z.array(
              z.object({
                providers: z.tuple([z.string(), z.string()]),
                comparisons: z.int(),
                kept: z.record(z.string(), z.int()),
              }),
            ),
          }),
          "Preferences",
        ),
        ...errorResponses("unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const rows = await c.var.db
        .select({
          chosen: takePreferences.chosenProvider,
          other: takePreferences.otherProvider,
          n: sql<number>`count(*)`,
        })
        .from(takePreferences)
        .groupBy(takePreferences.chosenProvider, takePreferences.otherProvider);
      const pairs = new Map<
        string,
        { providers: [string, string]; comparisons: number; kept: Record<string, number> }
      >();
      for (const row of rows) {
        const providers = [row.chosen, row.other].sort() as [string, string];
        const key = providers.join("+");
        const pair = pairs.get(key) ?? { providers, comparisons: 0, kept: { [providers[0]]: 0, [providers[1]]: 0 } };
        pair.comparisons += row.n;
        pair.kept[row.chosen] = (pair.kept[row.chosen] ?? 0) + row.n;
        pairs.set(key, pair);
      }
      return c.json({ pairs: [...pairs.values()] }, 200);
    },
  );
