import { z } from "@hono/zod-openapi";
import { activeStatuses, currencies } from "../../db/enums";
import { metricWindows } from "./windows";

// The shape of the operators' figures, written once: the OpenAPI document, the handler's return type
// and the admin console's types all come from here. Zod only, so the web app can import its types.

const rate = z.number().min(0).max(1).nullable().describe("0–1; null without a sample");
const ms = z.number().nullable();

export const metricsSchema = z
  .object({
    window: z.enum(metricWindows),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    jobs: z.object({
      finished: z.int(),
      succeeded: z.int(),
      failed: z.int(),
      timedOut: z.int(),
      canceled: z.int(),
      successRate: rate.describe("Succeeded ÷ finished, cancellations left out"),
    }),
    generation: z
      .object({ songs: z.int(), meanMs: ms, p95Ms: ms })
      .describe("Order to delivery, for songs delivered in the window"),
    cost: z.object({
      songs: z.int(),
      pricedSongs: z.int().describe("Songs for which an engine reported a cost"),
      totalCents: z.number(),
      meanCentsPerSong: z.number().nullable(),
    }),
    providers: z.array(
      z.object({
        provider: z.string(),
        calls: z.int(),
        lyricsCalls: z
          .int()
          .describe(
            "Of its calls, those that wrote lyrics: an engine whose calls all did is a lyrics writer, which makes no song",
          ),
        callErrors: z.int(),
        callSuccessRate: rate,
        meanLatencyMs: ms,
        costCents: z.number(),
        jobs: z.int().describe("Jobs finished on this engine"),
        jobsSucceeded: z.int(),
        jobSuccessRate: rate,
      }),
    ),
    styles: z.array(z.object({ style: z.string(), jobs: z.int() })).describe("Most ordered styles, top 10"),
    queues: z
      .array(
        z.object({
          status: z.enum(activeStatuses),
          stage: z.string(),
          jobs: z.int(),
          oldestAgeSeconds: z.int().nullable().describe("Since the oldest of them last moved"),
        }),
      )
      .describe("Now, whatever the window: jobs waiting in each stage"),
    credits: z.object({
      reserved: z.int(),
      debited: z.int(),
      refunded: z.int(),
      granted: z.int(),
      reservedNow: z.int().describe("Held by orders in progress, now"),
    }),
    series: z
      .array(z.object({ at: z.iso.datetime(), succeeded: z.int(), failed: z.int(), meanMs: ms }))
      .describe("The window in 24 equal slots"),
    revenue: z
      .object({
        days: z.array(
          z.object({
            day: z.iso.date(),
            currency: z.enum(currencies),
            purchases: z.int(),
            paidCents: z.int(),
            refundedCents: z.int(),
          }),
        ),
        packs: z.array(
          z.object({
            pack: z.string(),
            currency: z.enum(currencies),
            purchases: z.int(),
            credits: z.int(),
            paidCents: z.int(),
            refundedCents: z.int(),
          }),
        ),
      })
      .describe("Credit packs paid in the window, per UTC day and per pack, in each currency; refunds as known now"),
  })
  .meta({ id: "Metrics" });
export type Metrics = z.infer<typeof metricsSchema>;
