import { eq } from "drizzle-orm";
import { type Database, generations } from "../../db";
import { formatLyricsText, type Lyrics, type SongContext } from "../../providers";
import { builtinLyricsWriter } from "../../providers/lyrics";
import { mentionsName } from "../jobs/name-check";
import { currentJob, jobStub } from "../jobs/stub";
import { log } from "../observability";
import { chooseLyricsWriter, lyrics as lyricsWriter } from "../routing";
import type { MessageFor } from "./messages";

export async function lyricsStep(env: Env, db: Database, message: MessageFor<"lyrics">): Promise<void> {
  const [job, generation] = await Promise.all([
    currentJob(env, message.jobId),
    db.select().from(generations).where(eq(generations.jobId, message.jobId)).get(),
  ]);
  if (!job || !generation || (job.status !== "QUEUED" && job.status !== "WRITING_LYRICS")) return;

  let written: Lyrics;
  let source: string;
  if (job.mode === "custom") {
    written = generation.lyrics ?? { title: job.title ?? "", sections: [] };
    source = "user";
  } else {
    const brief = generation.context as Omit<SongContext, "language" | "styleTags" | "vocal" | "durationSeconds">;
    const writerId = chooseLyricsWriter(env);
    if (!writerId) throw new Error("No lyrics writer is configured");
    const context: SongContext = {
      ...brief,
      details: brief.details ?? [],
      language: generation.language,
      styleTags: generation.styleTags as string[],
      vocal: generation.vocal,
      durationSeconds: generation.durationSeconds,
      ...(generation.mood ? { mood: generation.mood } : {}),
    };
    // Each new draft asked for is written with another seed.
    const seed = job.drafts ? generation.seed + job.drafts : undefined;
    written = await (await lyricsWriter(env, db, writerId, job.id, seed)).writeLyrics(context);
    source = writerId;
    // Lyrics that leave out who the song is for would make a song that cannot be delivered: the
    // built-in writer, which always names the recipient, writes them instead.
    if (!mentionsName(formatLyricsText(written), context.recipientName) && writerId !== builtinLyricsWriter.id) {
      log("warn", "lyrics without the recipient's name, rewritten", {
        jobId: job.id,
        user: job.userId,
        provider: writerId,
      });
      written = await (
        await lyricsWriter(env, db, builtinLyricsWriter.id, job.id, seed ?? generation.seed)
      ).writeLyrics(context);
      source = builtinLyricsWriter.id;
    }
  }
  await jobStub(env, job.id).apply(job.id, { type: "lyrics_written", lyrics: written, source });
}
