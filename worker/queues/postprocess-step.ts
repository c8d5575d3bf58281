import { eq } from "drizzle-orm";
import { jobs, type Database } from "../../db";
import { ProviderError } from "../../providers";
import { music } from "../routing";
import { jobStub } from "../jobs/stub";
import type { MessageFor } from "./messages";

/** Two takes at most: the person keeps the one they prefer. */
const MAX_TAKES = 2;

export async function postprocessStep(env: Env, db: Database, message: MessageFor<"postprocess">): Promise<void> {
  const job = await db.select().from(jobs).where(eq(jobs.id, message.jobId)).get();
  if (!job || job.status !== "POSTPROCESSING" || !job.provider || !job.providerTaskId) return;
  const result = await music(env, db, job.provider, job.id).fetchResult(job.providerTaskId);
  const takes = result.takes.filter((t) => t.audioUrl).slice(0, MAX_TAKES);
  if (!takes.length) throw new ProviderError("unavailable", "The engine reported success but returned no audio");
  await jobStub(env, job.id).apply(job.id, { type: "takes_ready", takes, ...(result.model ? { model: result.model } : {}) });
}
