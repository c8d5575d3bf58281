import { z } from "zod";

/** How orders are spread over engines. Stored by the platform and changed at run time, without a deploy. */
export const routingConfigSchema = z
  .object({
    /** A/B arms: each user is assigned one, in proportion to the weights, and keeps it. */
    arms: z.array(z.object({ provider: z.string().min(1), weight: z.number().min(0) })).min(1),
    /** A progressive ramp: this share of users (0–100) goes to `provider`, whatever the arms say. */
    ramp: z
      .object({ provider: z.string().min(1), percent: z.number().min(0).max(100) })
      .nullable()
      .default(null),
    /** Where an order goes when its engine fails, in order. The held credits follow; nothing is charged twice. */
    failover: z.array(z.string().min(1)).default([]),
    /** Blind comparison: this share of orders (0–100) gets one take from each engine, shown unlabeled. */
    blind: z
      .object({ providers: z.tuple([z.string().min(1), z.string().min(1)]), percent: z.number().min(0).max(100) })
      .nullable()
      .default(null),
    /** Seconds an engine may show no progress before its orders move on; engines not named get twice their usual time. */
    stallSeconds: z.record(z.string().min(1), z.int().min(1)).default({}),
    breaker: z
      .object({
        /** Calls considered when judging an engine. */
        window: z.int().min(1).default(20),
        /** Below this many calls in the window, the breaker does not judge. */
        minCalls: z.int().min(1).default(5),
        /** Share of failed calls (0–1) that opens the circuit. */
        failureRate: z.number().min(0).max(1).default(0.5),
        /** How long an open circuit refuses work before letting one probe through. */
        openSeconds: z.int().min(1).default(60),
      })
      .default({ window: 20, minCalls: 5, failureRate: 0.5, openSeconds: 60 }),
  })
  .refine((c) => c.arms.some((a) => a.weight > 0), {
    message: "At least one arm needs a positive weight",
    path: ["arms"],
  });

export type RoutingConfig = z.infer<typeof routingConfigSchema>;
export type RoutingConfigInput = z.input<typeof routingConfigSchema>;
