import { z } from "zod";
import type { QueueRole } from "../../db";
import { takeSchema } from "../../providers";

/** Which engine attempt a message is about: what it reports back carries it, so the job can tell stale news. */
export const provenanceSchema = z.object({ engine: z.string(), attempt: z.int(), taskId: z.string().optional() });

/** Queue bodies are parsed on the way in: a malformed message is a bug to see, not data to trust. */
export const queueMessageSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("lyrics"), jobId: z.string() }),
  z.object({
    role: z.literal("music"),
    jobId: z.string(),
    op: z.enum(["create", "poll", "cancel"]),
    provider: z.string().optional(),
    taskId: z.string().optional(),
    attempt: z.int().optional(),
  }),
  z.object({ role: z.literal("postprocess"), jobId: z.string(), from: provenanceSchema.optional() }),
  z.object({
    role: z.literal("delivery"),
    jobId: z.string(),
    takes: z.array(takeSchema).min(1),
    from: provenanceSchema.optional(),
  }),
]);
export type QueueMessage = z.infer<typeof queueMessageSchema>;
export type MessageFor<R extends QueueRole> = Extract<QueueMessage, { role: R }>;

export function queueFor(env: Env, role: QueueRole): Queue {
  return {
    lyrics: env.LYRICS_QUEUE,
    music: env.MUSIC_QUEUE,
    postprocess: env.POSTPROCESS_QUEUE,
    delivery: env.DELIVERY_QUEUE,
  }[role];
}

export const send = (env: Env, message: QueueMessage, delaySeconds?: number) =>
  queueFor(env, message.role).send(message, delaySeconds ? { delaySeconds } : undefined);

/** Queue names in wrangler.toml are "refrain-<role>"; the dead-letter queue is shared by all roles. */
export const DEAD_LETTER_QUEUE = "refrain-dead-letter";
export function roleOfQueue(name: string): QueueRole | null {
  const role = name.replace(/^refrain-/, "");
  return role === "lyrics" || role === "music" || role === "postprocess" || role === "delivery" ? role : null;
}

/** Account deletions have their own queue: the step erases what the request's first step left (worker/account). */
export const ACCOUNT_QUEUE = "refrain-account";
export const accountMessageSchema = z.object({
  kind: z.literal("erase_account"),
  userId: z.string().min(1),
  /** A last pass, some minutes later, for audio a delivery already under way stored after the erasure. */
  recheck: z.boolean().default(false),
});
export type AccountMessage = z.input<typeof accountMessageSchema>;
export const sendAccountMessage = (env: Env, message: AccountMessage, delaySeconds?: number) =>
  env.ACCOUNT_QUEUE.send(message, delaySeconds ? { delaySeconds } : undefined);
