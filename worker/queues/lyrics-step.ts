import { eq } from "drizzle-orm";
import { generations, jobs, type Database } from "../../db";
import type { Lyrics, SongContext } from "../../providers";
import { chooseLyricsWriter, lyrics as lyricsWriter } from "../routing";
import { jobStub } from "../jobs/stub";
import type { MessageFor } from "./messages";

export async function lyricsStep(env: Env, db: Database, message: MessageFor<"lyrics">): Promise<void> {
  const [job, generation] = await Promise.all([
    db.select().from(jobs).where(eq(jobs.id, message.jobId)).get(),
    db.select().from(generations).where(eq(generations.jobId, message.jobId)).get(),
  ]);
  if (!job || !generation || (job.status !== "QUEUED" && job.status !== "WRITING_LYRICS")) return;

  let written: Lyrics;
  let source: string;
  if (job.mode === "custom") {
    written = (generation.lyrics as Lyrics | null) ?? { title: job.title ?? "", sections: [] };
    source = "user";
  } else {
    const brief = generation.context as Omit<SongContext, "language" | "styleTags" | "vocal" | "durationSeconds">;
    const writerId = chooseLyricsWriter(env);
    if (!writerId) throw new Error("No lyrics writer is configured");
    written = await (await lyricsWriter(env, db, writerId, job.id)).writeLyrics({
      ...brief,
      details: brief.details ?? [],
      language: generation.language,
      styleTags: generation.styleTags as string[],
      vocal: generation.vocal,
      durationSeconds: generation.durationSeconds,
      ...(generation.mood ? { mood: generation.mood } : {}),
    });
    source = writerId;
  }
  await jobStub(env, job.id).apply(job.id, { type: "lyrics_written", lyrics: written, source });
}
