import { z } from "@hono/zod-openapi";
import { callOutcomes, jobModes, jobStatuses, ledgerKinds, providerOperations } from "../../db/enums";

// The operators' API shapes, written once: the routes validate and document with them, and the admin
// console takes its types from them. Zod and enums only, so the web app can import the types.

const iso = z.iso.datetime();

export const adminJobSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    userEmail: z.string().nullable(),
    status: z.enum(jobStatuses),
    mode: z.enum(jobModes),
    title: z.string().nullable(),
    provider: z.string().nullable(),
    arm: z.string().nullable().describe("The routing arm that chose the engine"),
    providersTried: z.array(z.string()),
    credits: z.int(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    createdAt: iso,
    updatedAt: iso,
    finishedAt: iso.nullable(),
    durationMs: z.int().nullable().describe("Order to end, less any wait for the lyrics' approval, for finished jobs"),
  })
  .meta({ id: "AdminJob" });

export const adminJobListQuery = z.object({
  status: z.enum(jobStatuses).optional(),
  provider: z.string().min(1).max(64).optional(),
  user: z.string().min(1).max(254).optional().describe("A user id or an email"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional().describe("`next` from the previous page"),
});

export const adminJobListSchema = z
  .object({ jobs: z.array(adminJobSchema), next: z.string().nullable() })
  .meta({ id: "AdminJobList" });

export const adminJobDetailSchema = adminJobSchema
  .extend({
    request: z
      .object({
        language: z.string(),
        vocal: z.string(),
        styleTags: z.array(z.string()),
        durationSeconds: z.int(),
        lyricsSource: z.string().nullable(),
        model: z.string().nullable(),
        seed: z.int(),
      })
      .nullable(),
    events: z.array(
      z.object({
        seq: z.int(),
        type: z.string(),
        status: z.enum(jobStatuses),
        data: z.record(z.string(), z.unknown()),
        at: iso,
      }),
    ),
    calls: z.array(
      z.object({
        provider: z.string(),
        operation: z.enum(providerOperations),
        latencyMs: z.int(),
        costCents: z.number().nullable(),
        outcome: z.enum(callOutcomes),
        error: z.string().nullable(),
        at: iso,
      }),
    ),
    ledger: z.array(z.object({ kind: z.enum(ledgerKinds), amount: z.int(), reason: z.string(), at: iso })),
    tracks: z.array(
      z.object({
        id: z.string(),
        takeIndex: z.int(),
        format: z.string(),
        provider: z.string(),
        sizeBytes: z.int(),
        durationSeconds: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: "AdminJobDetail" });

export const grantRequestSchema = z
  .object({
    email: z.email().max(254).optional(),
    userId: z.string().min(1).max(128).optional(),
    amount: z.int().min(1).max(100_000),
    reason: z.string().trim().min(3).max(200),
  })
  .refine((g) => (g.email === undefined) !== (g.userId === undefined), {
    message: "Give either an email or a user id",
    path: ["email"],
  })
  .meta({ id: "CreditGrantRequest" });

export const grantResultSchema = z
  .object({
    entry: z.object({
      id: z.string(),
      userId: z.string(),
      kind: z.literal("grant"),
      amount: z.int(),
      reason: z.string(),
      createdAt: iso,
    }),
    balance: z.int(),
    available: z.int(),
  })
  .meta({ id: "CreditGrant" });

export type AdminJob = z.infer<typeof adminJobSchema>;
export type AdminJobList = z.infer<typeof adminJobListSchema>;
export type AdminJobDetail = z.infer<typeof adminJobDetailSchema>;
export type GrantRequest = z.infer<typeof grantRequestSchema>;
export type GrantResult = z.infer<typeof grantResultSchema>;
