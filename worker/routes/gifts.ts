import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { generations, gifts, jobs, languages, tracks } from "../../db";
import { lineTimingSchema } from "../../providers/contract";
import { requireUser } from "../auth";
import { giftByToken, ownedGift, ownerGiftView, publicGiftView, renderGiftCover } from "../gifts";
import { router } from "../http/app-factory";
import { ApiError, errorResponses, notFound } from "../http/errors";
import { bearer, idParam, json } from "../http/openapi";
import { lyricsSchema } from "../jobs/schemas";
import { databaseOf, databaseOfToken, newId, newToken, shardOfId } from "../shards";

const createGiftSchema = z
  .object({
    trackId: z.string().min(1).max(128).describe("The take to give (one of a finished order's takes)."),
    recipientName: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .describe("Who it is for; the order's recipient when absent."),
    message: z.string().trim().max(600).default("").describe("A few words shown above the song."),
    senderName: z.string().trim().min(1).max(60).optional().describe('How to sign the message, e.g. "Paul".'),
    allowDownload: z.boolean().default(false).describe("Whether the recipient may download the song."),
    locale: z.enum(languages).optional().describe("The page's language; the song's language when absent."),
  })
  .meta({ id: "CreateGift" });

export const giftSchema = z
  .object({
    id: z.string(),
    jobId: z.string(),
    trackId: z.string(),
    recipientName: z.string().nullable().describe("Who it is for; null for a song for no one in particular."),
    senderName: z.string().nullable(),
    message: z.string(),
    allowDownload: z.boolean(),
    locale: z.enum(languages),
    plays: z.int().describe("How many times the recipient's page started the song."),
    url: z.string().describe("The page to send; the token in it is the only credential (256 random bits)."),
    coverUrl: z.string(),
    revokedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Gift" });

const publicGiftSchema = z
  .object({
    recipientName: z
      .string()
      .nullable()
      .describe("Who it is for; null for a song for no one in particular (its title stands for it)."),
    senderName: z.string().nullable(),
    message: z.string(),
    locale: z.enum(languages),
    title: z.string().nullable(),
    durationSeconds: z.number().nullable(),
    lyrics: lyricsSchema.nullable(),
    lyricsLanguage: z.enum(languages),
    timings: z.array(lineTimingSchema).nullable().describe("When each lyric line is sung, where the engine knows it."),
    streamUrl: z.string(),
    downloadUrl: z.string().nullable().describe("Only when the sender allowed downloads."),
    expiresAt: z.iso.datetime().describe("When the links expire; ask again before."),
    coverUrl: z.string(),
  })
  .meta({ id: "PublicGift" });

const tokenParam = z.object({
  token: z
    .string()
    .min(16)
    .max(128)
    .openapi({ param: { name: "token", in: "path" }, description: "The gift link's token" }),
});
const owner = { tags: ["Gifts"], security: bearer, middleware: requireUser };

export const giftRoutes = router()
  .openapi(
    createRoute({
      ...owner,
      method: "post",
      path: "/api/gifts",
      summary: "Make a gift of a finished song: a page with a message, to send to the person it is for",
      request: { body: { content: { "application/json": { schema: createGiftSchema } }, required: true } },
      responses: {
        201: json(giftSchema, "The gift and its link"),
        ...errorResponses("validation_failed", "unauthorized", "not_found", "conflict"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      // The gift lives beside its take, and its id and token name that shard.
      const db = databaseOf(c.env, "trk", body.trackId);
      const shard = shardOfId("trk", body.trackId)!;
      const found = await db
        .select({ track: tracks, job: jobs, context: generations.context, language: generations.language })
        .from(tracks)
        .innerJoin(jobs, eq(jobs.id, tracks.jobId))
        .innerJoin(generations, eq(generations.jobId, tracks.jobId))
        .where(and(eq(tracks.id, body.trackId), eq(tracks.userId, c.var.user.id)))
        .get();
      if (!found) throw notFound("Track");
      if (found.job.status !== "SUCCEEDED") throw new ApiError("conflict", "Only a finished song can be given");
      // A song for no one in particular (custom lyrics without a recipient) stays so: "" is no recipient.
      const recipient = body.recipientName ?? (found.context as { recipientName?: string } | null)?.recipientName ?? "";
      const now = Date.now();
      const row = {
        id: newId("gft", shard),
        token: newToken(shard),
        userId: c.var.user.id,
        jobId: found.job.id,
        trackId: found.track.id,
        recipientName: recipient,
        senderName: body.senderName ?? null,
        message: body.message,
        allowDownload: body.allowDownload,
        locale: body.locale ?? found.language,
        plays: 0,
        revokedAt: null,
        createdAt: now,
      };
      await db.insert(gifts).values(row);
      return c.json(ownerGiftView(c.env, row), 201);
    },
  )
  .openapi(
    createRoute({
      ...owner,
      method: "get",
      path: "/api/gifts",
      summary: "Your gifts, newest first, with how often each was played",
      request: { query: z.object({ jobId: z.string().min(1).max(128).optional() }) },
      responses: {
        200: json(z.object({ gifts: z.array(giftSchema) }), "Your gifts"),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const { jobId } = c.req.valid("query");
      const rows = await c.var.db
        .select()
        .from(gifts)
        .where(and(eq(gifts.userId, c.var.user.id), jobId ? eq(gifts.jobId, jobId) : undefined))
        .orderBy(desc(gifts.createdAt))
        .limit(100);
      return c.json({ gifts: rows.map((g) => ownerGiftView(c.env, g)) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...owner,
      method: "get",
      path: "/api/gifts/{id}",
      summary: "One of your gifts",
      request: { params: idParam("gift") },
      responses: { 200: json(giftSchema, "The gift"), ...errorResponses("unauthorized", "not_found") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return c.json(ownerGiftView(c.env, await ownedGift(databaseOf(c.env, "gft", id), c.var.user.id, id)), 200);
    },
  )
  .openapi(
    createRoute({
      ...owner,
      method: "delete",
      path: "/api/gifts/{id}",
      summary: "Revoke a gift: its page answers 410 from now on",
      request: { params: idParam("gift") },
      responses: {
        204: { description: "Revoked (again, if it already was)" },
        ...errorResponses("unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "gft", id);
      const gift = await ownedGift(db, c.var.user.id, id);
      await db
        .update(gifts)
        .set({ revokedAt: Date.now() })
        .where(and(eq(gifts.id, gift.id), isNull(gifts.revokedAt)));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/public/gifts/{token}",
      tags: ["Gifts"],
      summary: "A gift, for its recipient's page (no account needed)",
      request: { params: tokenParam },
      responses: {
        200: json(publicGiftSchema, "The gift, its lyrics and short-lived links"),
        ...errorResponses("validation_failed", "not_found", "gone"),
      },
    }),
    async (c) => {
      const { token } = c.req.valid("param");
      const db = databaseOfToken(c.env, token, "Gift");
      const gift = await giftByToken(db, token);
      c.header("Cache-Control", "no-store");
      return c.json(await publicGiftView(c.env, db, gift), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/public/gifts/{token}/plays",
      tags: ["Gifts"],
      summary: "Count one play of a gift (its page calls this when the song starts)",
      request: { params: tokenParam },
      responses: { 204: { description: "Counted" }, ...errorResponses("validation_failed", "not_found", "gone") },
    }),
    async (c) => {
      const { token } = c.req.valid("param");
      const db = databaseOfToken(c.env, token, "Gift");
      const gift = await giftByToken(db, token);
      await db
        .update(gifts)
        .set({ plays: sql`${gifts.plays} + 1` })
        .where(eq(gifts.id, gift.id));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/public/gifts/{token}/cover.png",
      tags: ["Gifts"],
      summary: "The gift's cover image (1200×630 PNG with the recipient's name), for Open Graph and Twitter cards",
      request: { params: tokenParam },
      responses: {
        200: { description: "The cover", content: { "image/png": { schema: z.string().meta({ format: "binary" }) } } },
        ...errorResponses("validation_failed", "not_found", "gone"),
      },
    }),
    async (c) => {
      const { token } = c.req.valid("param");
      const db = databaseOfToken(c.env, token, "Gift");
      const gift = await giftByToken(db, token);
      // Messaging apps fetch the cover on every unfurl: it is drawn once, then kept beside the audio.
      const key = `covers/${gift.id}.png`;
      const stored = await c.env.AUDIO.get(key);
      let png: Uint8Array<ArrayBuffer>;
      if (stored) png = new Uint8Array(await stored.arrayBuffer());
      else {
        const title = (await db.select({ title: tracks.title }).from(tracks).where(eq(tracks.id, gift.trackId)).get())
          ?.title;
        png = new Uint8Array(await renderGiftCover({ name: gift.recipientName || null, locale: gift.locale, title }));
        await c.env.AUDIO.put(key, png, { httpMetadata: { contentType: "image/png" } });
      }
      return c.body(png, 200, { "Content-Type": "image/png", "Cache-Control": "public, max-age=600" });
    },
  );
