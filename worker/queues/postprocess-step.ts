import { eq } from "drizzle-orm";
import { type Database, generations } from "../../db";
import { failureOf, formatLyricsText, ProviderError, type TrackResult } from "../../providers";
import { currentAttempt, type Provenance } from "../jobs/machine";
import { mentionsName } from "../jobs/name-check";
import { currentJob, jobStub } from "../jobs/stub";
import { durationFits } from "../jobs/takes";
import { music, musicRegistry } from "../routing";
import type { MessageFor } from "./messages";

/** Two takes at most: the person keeps the one they prefer. */
const MAX_TAKES = 2;

export async function postprocessStep(env: Env, db: Database, message: MessageFor<"postprocess">): Promise<void> {
  const job = await currentJob(env, message.jobId);
  if (job?.status !== "POSTPROCESSING" || !job.provider || !job.providerTaskId) return;
  const from: Provenance = message.from ?? currentAttempt(job);
  const stub = jobStub(env, job.id);
  let result: TrackResult;
  try {
    result = await music(env, db, job.provider, job.id).fetchResult(job.providerTaskId);
  } catch (err) {
    // An answer that cannot become a song is the engine's: the job judges it now. Outages are retried by the queue.
    if (!(err instanceof ProviderError) || (err.kind !== "rejected" && failureOf(err) !== "result_invalid")) throw err;
    await stub.apply(job.id, { type: "failed", from, code: failureOf(err), message: err.message, errorKind: err.kind });
    return;
  }
  const generation = await db.select().from(generations).where(eq(generations.jobId, job.id)).get();
  let takes = result.takes.filter((t) => t.audioUrl).slice(0, MAX_TAKES);
  if (!takes.length) {
    await stub.apply(job.id, {
      type: "failed",
      from,
      code: "result_invalid",
      message: "The engine reported success but returned no audio",
    });
    return;
  }

  // A take far longer or shorter than ordered is another song than the one paid for: the engine's result
  // is invalid, and the next engine may do better. Each take is judged by the engine that made it.
  if (generation) {
    const engines = musicRegistry(env);
    const ordered = generation.durationSeconds;
    const judged = takes.map((t) => ({
      take: t,
      fits: durationFits(engines.get(t.provider ?? job.provider!).capabilities, ordered, t.durationSeconds),
    }));
    takes = judged.filter((j) => j.fits).map((j) => j.take);
    if (!takes.length) {
      const lengths = judged.map((j) => j.take.durationSeconds).join(", ");
      await stub.apply(job.id, {
        type: "failed",
        from,
        code: "result_invalid",
        message: `Every take's length (${lengths} s) is far from the ${ordered} s ordered`,
      });
      return;
    }
  }

  // A gift that forgets who it is for is not delivered: each sung take must name the recipient,
  // in the lyrics the engine reports it sang (or, failing that, the lyrics it was given).
  const name = (generation?.context as { recipientName?: string } | null)?.recipientName;
  if (name && generation?.vocal !== "instrumental") {
    const given = generation?.lyrics ? formatLyricsText(generation.lyrics) : "";
    takes = takes.filter((t) => mentionsName(t.lyricsText ?? given, name));
    if (!takes.length) {
      await stub.apply(job.id, { type: "failed", from, code: "name_missing", message: "No take names the recipient" });
      return;
    }
  }
  await stub.apply(job.id, { type: "takes_ready", from, takes, ...(result.model ? { model: result.model } : {}) });
}
