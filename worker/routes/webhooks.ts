import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { jobs, receivedWebhooks } from "../../db";
import { ProviderError } from "../../providers";
import { router } from "../http/app-factory";
import { ApiError, errorResponses, notFound } from "../http/errors";
import { json } from "../http/openapi";
import { jobStub, verifyCallbackToken } from "../jobs";
import { music, musicRegistry } from "../routing";
import { databaseOf } from "../shards";

const ackSchema = z.object({ received: z.boolean(), duplicate: z.boolean() }).meta({ id: "WebhookAck" });

export const webhookRoutes = router().openapi(
  createRoute({
    method: "post",
    path: "/api/webhooks/{provider}",
    tags: ["Webhooks"],
    summary: "Callbacks from music engines",
    description:
      "Each job's callback URL carries the job id and a token only we can derive. A callback is a hint: the job then checks the task's status with the engine before anything changes, so forged, repeated or out-of-order callbacks cannot move a job.",
    request: {
      params: z.object({ provider: z.string().min(1).max(40) }),
      query: z.object({ job: z.string().min(1).max(128), token: z.string().min(1).max(128) }),
    },
    responses: { 200: json(ackSchema, "Received"), ...errorResponses("validation_failed", "forbidden", "not_found") },
  }),
  async (c) => {
    const { provider: providerId } = c.req.valid("param");
    const { job: jobId, token } = c.req.valid("query");
    if (!musicRegistry(c.env).has(providerId)) throw notFound("Provider");
    if (!(await verifyCallbackToken(c.env, jobId, token)))
      throw new ApiError("forbidden", "This callback URL is not valid");
    const db = databaseOf(c.env, "job", jobId);
    const job = await db.select().from(jobs).where(eq(jobs.id, jobId)).get();
    if (!job) throw notFound("Job");
    let outcome: Awaited<ReturnType<ReturnType<typeof music>["handleWebhook"]>>;
    try {
      // Recorded like every other engine call; the adapter says whether the callback is about the job's task.
      outcome = await music(c.env, db, providerId, jobId).handleWebhook(c.req.raw, job.providerTaskId);
    } catch (err) {
      if (err instanceof ProviderError && err.kind === "unauthenticated")
        throw new ApiError("forbidden", `The callback's signature was refused: ${err.message}`);
      throw err;
    }
    if (outcome.kind === "ignored") return c.json({ received: true, duplicate: false }, 200);
    const inserted = await db
      .insert(receivedWebhooks)
      .values({ provider: providerId, dedupeKey: outcome.dedupeKey, jobId, receivedAt: Date.now() })
      .onConflictDoNothing()
      .returning({ key: receivedWebhooks.dedupeKey });
    if (!inserted.length) return c.json({ received: true, duplicate: true }, 200);
    await jobStub(c.env, jobId).hint(jobId);
    return c.json({ received: true, duplicate: false }, 200);
  },
);
