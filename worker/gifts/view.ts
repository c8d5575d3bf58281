import { and, eq } from "drizzle-orm";
import { type Database, type Gift, generations, gifts, tracks } from "../../db";
import { lineTimingSchema } from "../../providers/contract";
import { ApiError, notFound } from "../http/errors";
import { publicLinkTtl, signMediaLink } from "../media";

const base = (env: Env) => env.PUBLIC_URL.replace(/\/$/, "");

export const giftUrl = (env: Env, token: string) => `${base(env)}/g/${encodeURIComponent(token)}`;
export const coverUrl = (env: Env, token: string) =>
  `${base(env)}/api/public/gifts/${encodeURIComponent(token)}/cover.png`;

/** What the owner sees of a gift they made. */
export function ownerGiftView(env: Env, g: Gift) {
  return {
    id: g.id,
    jobId: g.jobId,
    trackId: g.trackId,
    recipientName: g.recipientName || null,
    senderName: g.senderName,
    message: g.message,
    allowDownload: g.allowDownload,
    locale: g.locale,
    plays: g.plays,
    url: giftUrl(env, g.token),
    coverUrl: coverUrl(env, g.token),
    revokedAt: g.revokedAt === null ? null : new Date(g.revokedAt).toISOString(),
    createdAt: new Date(g.createdAt).toISOString(),
  };
}

/** The gift behind a link: 404 when there is none, 410 once its owner has revoked it. */
export async function giftByToken(db: Database, token: string): Promise<Gift> {
  const gift = await db.select().from(gifts).where(eq(gifts.token, token)).get();
  if (!gift) throw notFound("Gift");
  if (gift.revokedAt !== null) throw new ApiError("gone", "This gift was withdrawn by the person who made it");
  return gift;
}

export async function ownedGift(db: Database, userId: string, id: string): Promise<Gift> {
  const gift = await db
    .select()
    .from(gifts)
    .where(and(eq(gifts.id, id), eq(gifts.userId, userId)))
    .get();
  if (!gift) throw notFound("Gift");
  return gift;
}

/**
 * A take's lyrics as its players show them: the order's lyrics, the language they are in, and when the engine
 * sang each line of this take (null when the engine does not say; the pages then show every line).
 */
export async function takeLyrics(db: Database, jobId: string, trackId: string) {
  const generation = await db
    .select({ lyrics: generations.lyrics, timings: generations.timings, language: generations.language })
    .from(generations)
    .where(eq(generations.jobId, jobId))
    .get();
  if (!generation) return null;
  const timings = lineTimingSchema.array().safeParse(generation.timings?.[trackId]);
  return {
    lyrics: generation.lyrics ?? null,
    lyricsLanguage: generation.language,
    timings: timings.success ? timings.data : null,
  };
}

/** What the recipient's page needs: the take, its lyrics and line timings, short-lived links (refreshed by the page). */
export async function publicGiftView(env: Env, db: Database, gift: Gift) {
  const [track, sung] = await Promise.all([
    db
      .select({ id: tracks.id, title: tracks.title, durationSeconds: tracks.durationSeconds })
      .from(tracks)
      .where(eq(tracks.id, gift.trackId))
      .get(),
    takeLyrics(db, gift.jobId, gift.trackId),
  ]);
  if (!track || !sung) throw notFound("Gift");
  const ttl = publicLinkTtl(env);
  const now = Date.now();
  const [stream, download] = await Promise.all([
    signMediaLink(env, track.id, "inline", now, "mp3", ttl),
    gift.allowDownload ? signMediaLink(env, track.id, "attachment", now, "mp3", ttl) : null,
  ]);
  return {
    recipientName: gift.recipientName || null,
    senderName: gift.senderName,
    message: gift.message,
    locale: gift.locale,
    title: track.title,
    durationSeconds: track.durationSeconds,
    ...sung,
    streamUrl: stream.url,
    downloadUrl: download?.url ?? null,
    expiresAt: stream.expiresAt,
    coverUrl: coverUrl(env, gift.token),
  };
}
