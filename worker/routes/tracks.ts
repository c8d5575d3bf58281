import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { languages, tracks, users } from "../../db";
import { lineTimingSchema } from "../../providers/contract";
import { requireUser } from "../auth";
import { takeLyrics } from "../gifts";
import { escapeXml } from "../gifts/text";
import { router } from "../http/app-factory";
import { ApiError, errorResponses, notFound } from "../http/errors";
import { bearer, idParam, json } from "../http/openapi";
import { lyricsSchema } from "../jobs/schemas";
import { dispositions, mediaFormats, publicLinkTtl, serveTrack, signMediaLink, verifyMediaLink } from "../media";
import { databaseOf, NEW_ROWS_SHARD, newToken, shardOfId } from "../shards";

const trackSchema = z
  .object({
    id: z.string(),
    jobId: z.string(),
    takeIndex: z.int(),
    title: z.string().nullable(),
    format: z.string(),
    durationSeconds: z.number().nullable(),
    sampleRate: z.int().nullable(),
    loudnessLufs: z.number().nullable(),
    sizeBytes: z.int(),
    sha256: z.string(),
    wavSizeBytes: z.int().nullable(),
    timings: z
      .array(lineTimingSchema)
      .nullable()
      .describe("When each lyric line is sung in this take, where the engine knows it."),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Track" });
const linksSchema = z
  .object({
    streamUrl: z.string(),
    downloadUrl: z.string(),
    wavDownloadUrl: z.string().nullable(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "TrackLinks", description: "Signed, expiring links; ask again for fresh ones before they expire." });

const shareSchema = z
  .object({
    token: z.string(),
    shareUrl: z.string(),
    embedUrl: z.string(),
    embedHtml: z.string(),
    oembedUrl: z.string(),
  })
  .meta({
    id: "TrackShare",
    description: "Anyone holding the token may play this take, until the owner stops sharing it.",
  });
const publicTrackSchema = z
  .object({
    id: z.string(),
    title: z.string().nullable(),
    durationSeconds: z.number().nullable(),
    streamUrl: z.string(),
    expiresAt: z.iso.datetime(),
    lyrics: lyricsSchema.nullable(),
    lyricsLanguage: z.enum(languages).nullable(),
    timings: z.array(lineTimingSchema).nullable().describe("When each lyric line is sung, where the engine knows it."),
  })
  .meta({
    id: "PublicTrack",
    description: "A shared take: its lyrics and a short-lived stream link; ask again before it expires.",
  });

// The frame is named after its song, which a screen reader says on the partner's page whatever its language.
const frameTitle = (title: string | null) => escapeXml(title ? `${title} · Refrain` : "Refrain");

const publicUrls = (env: Env, trackId: string, token: string, title: string | null) => {
  const base = env.PUBLIC_URL.replace(/\/$/, "");
  const q = `?t=${encodeURIComponent(token)}`;
  const shareUrl = `${base}/s/${encodeURIComponent(trackId)}${q}`;
  const embedUrl = `${base}/embed/${encodeURIComponent(trackId)}${q}`;
  return {
    shareUrl,
    embedUrl,
    embedHtml: `<iframe src="${embedUrl}" width="100%" height="120" style="border:0;max-width:640px" allow="autoplay" title="${frameTitle(title)}" loading="lazy"></iframe>`,
    oembedUrl: `${base}/api/oembed?url=${encodeURIComponent(shareUrl)}&format=json`,
  };
};

/** The shared take behind an id and its token, or null; 410 once its owner has deleted the account. */
export async function sharedTrack(db: import("../../db").Database, id: string, token: string) {
  if (!token) return null;
  const found = await db
    .select({ track: tracks, ownerDeletedAt: users.deletedAt })
    .from(tracks)
    .innerJoin(users, eq(users.id, tracks.userId))
    .where(and(eq(tracks.id, id), eq(tracks.shareToken, token)))
    .get();
  if (found?.ownerDeletedAt != null) throw new ApiError("gone", "This song was withdrawn by the person who shared it");
  return found?.track ?? null;
}

export async function publicTrackView(
  env: Env,
  db: import("../../db").Database,
  t: { id: string; jobId: string; title: string | null; durationSeconds: number | null },
) {
  const [stream, sung] = await Promise.all([
    signMediaLink(env, t.id, "inline", Date.now(), "mp3", publicLinkTtl(env)),
    takeLyrics(db, t.jobId, t.id),
  ]);
  return {
    id: t.id,
    title: t.title,
    durationSeconds: t.durationSeconds,
    streamUrl: stream.url,
    expiresAt: stream.expiresAt,
    lyrics: sung?.lyrics ?? null,
    lyricsLanguage: sung?.lyricsLanguage ?? null,
    timings: sung?.timings ?? null,
  };
}

const common = { tags: ["Tracks"], security: bearer, middleware: requireUser };

export const trackRoutes = router()
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/tracks/{id}",
      summary: "A delivered take",
      request: { params: idParam("track") },
      responses: { 200: json(trackSchema, "The track"), ...errorResponses("unauthorized", "not_found") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "trk", id);
      const t = await db
        .select()
        .from(tracks)
        .where(and(eq(tracks.id, id), eq(tracks.userId, c.var.user.id)))
        .get();
      if (!t) throw notFound("Track");
      const {
        r2Key: _key,
        wavR2Key: _wavKey,
        wavSha256: _wavSha,
        shareToken: _share,
        userId: _user,
        contentType: _type,
        provider: _provider,
        providerTakeId: _take,
        createdAt,
        ...rest
      } = t;
      const sung = await takeLyrics(db, t.jobId, t.id);
      return c.json({ ...rest, timings: sung?.timings ?? null, createdAt: new Date(createdAt).toISOString() }, 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/tracks/{id}/links",
      summary: "Signed links to stream or download a take",
      request: { params: idParam("track") },
      responses: { 200: json(linksSchema, "Links"), ...errorResponses("unauthorized", "not_found") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const t = await databaseOf(c.env, "trk", id)
        .select({ id: tracks.id, wav: tracks.wavR2Key })
        .from(tracks)
        .where(and(eq(tracks.id, id), eq(tracks.userId, c.var.user.id)))
        .get();
      if (!t) throw notFound("Track");
      const now = Date.now();
      const [stream, download, wav] = await Promise.all([
        signMediaLink(c.env, t.id, "inline", now),
        signMediaLink(c.env, t.id, "attachment", now),
        t.wav ? signMediaLink(c.env, t.id, "attachment", now, "wav") : null,
      ]);
      return c.json(
        {
          streamUrl: stream.url,
          downloadUrl: download.url,
          wavDownloadUrl: wav?.url ?? null,
          expiresAt: stream.expiresAt,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/media/{id}",
      tags: ["Tracks"],
      summary: "The audio behind a signed link (supports Range)",
      request: {
        params: idParam("track"),
        query: z.object({
          exp: z.coerce.number().int(),
          disp: z.enum(dispositions),
          fmt: z.enum(mediaFormats).default("mp3"),
          sig: z.string().min(1).max(128),
        }),
      },
      responses: {
        200: {
          description: "The whole file",
          content: { "audio/mpeg": { schema: z.string().meta({ format: "binary" }) } },
        },
        206: { description: "The requested byte range" },
        416: { description: "The range is outside the file" },
        ...errorResponses("validation_failed", "forbidden", "not_found"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { exp, disp, fmt, sig } = c.req.valid("query");
      const verdict = await verifyMediaLink(c.env, id, exp, disp, fmt, sig);
      if (verdict !== "ok")
        throw new ApiError("forbidden", verdict === "expired" ? "This link has expired" : "This link is not valid");
      const t = await databaseOf(c.env, "trk", id).select().from(tracks).where(eq(tracks.id, id)).get();
      if (!t) throw notFound("Track");
      return serveTrack(c.env.AUDIO, t, c.req.raw, disp, fmt) as never;
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/api/tracks/{id}/share",
      summary: "Share a take: a public link, an embeddable player and its oEmbed URL",
      request: { params: idParam("track") },
      responses: {
        200: json(shareSchema, "The share links (the same token until sharing stops)"),
        ...errorResponses("unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "trk", id);
      const t = await db
        .select({ id: tracks.id, token: tracks.shareToken, title: tracks.title })
        .from(tracks)
        .where(and(eq(tracks.id, id), eq(tracks.userId, c.var.user.id)))
        .get();
      if (!t) throw notFound("Track");
      // The token names the take's shard, like the take's id.
      const token = t.token ?? newToken(shardOfId("trk", id) ?? NEW_ROWS_SHARD);
      if (!t.token) await db.update(tracks).set({ shareToken: token }).where(eq(tracks.id, t.id));
      return c.json({ token, ...publicUrls(c.env, t.id, token, t.title) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "delete",
      path: "/api/tracks/{id}/share",
      summary: "Stop sharing a take (its share and embed links stop working)",
      request: { params: idParam("track") },
      responses: { 204: { description: "No longer shared" }, ...errorResponses("unauthorized", "not_found") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "trk", id);
      const t = await db
        .select({ id: tracks.id })
        .from(tracks)
        .where(and(eq(tracks.id, id), eq(tracks.userId, c.var.user.id)))
        .get();
      if (!t) throw notFound("Track");
      await db.update(tracks).set({ shareToken: null }).where(eq(tracks.id, t.id));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/public/tracks/{id}",
      tags: ["Sharing"],
      summary: "A shared take, for its share page and embedded player",
      request: { params: idParam("track"), query: z.object({ t: z.string().min(1).max(128) }) },
      responses: {
        200: json(publicTrackSchema, "The take and a short-lived stream link"),
        ...errorResponses("validation_failed", "not_found", "gone"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "trk", id);
      const t = await sharedTrack(db, id, c.req.valid("query").t);
      if (!t) throw notFound("Track");
      c.header("Cache-Control", "no-store");
      return c.json(await publicTrackView(c.env, db, t), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/oembed",
      tags: ["Sharing"],
      summary: "oEmbed for share links (https://oembed.com): CMSs turn a share link into the player",
      request: {
        query: z.object({
          url: z.string().min(1).max(2000),
          format: z.enum(["json"]).default("json"),
          maxwidth: z.coerce.number().int().min(100).max(2000).optional(),
        }),
      },
      responses: {
        200: json(
          z
            .object({
              version: z.literal("1.0"),
              type: z.literal("rich"),
              provider_name: z.string(),
              provider_url: z.string(),
              title: z.string(),
              html: z.string(),
              width: z.int(),
              height: z.int(),
            })
            .meta({ id: "OEmbed" }),
          "The oEmbed document",
        ),
        ...errorResponses("validation_failed", "not_found", "gone"),
      },
    }),
    async (c) => {
      const { url, maxwidth } = c.req.valid("query");
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new ApiError("validation_failed", "Not a URL", { url: ["not a URL"] });
      }
      const match = /^\/(?:(?:fr|en)\/)?(?:s|embed)\/([^/]+)$/.exec(parsed.pathname);
      const id = match ? decodeURIComponent(match[1]!) : null;
      const t =
        id && shardOfId("trk", id) !== null
          ? await sharedTrack(databaseOf(c.env, "trk", id), id, parsed.searchParams.get("t") ?? "")
          : null;
      if (!t?.shareToken) throw notFound("Shared track");
      const width = Math.min(maxwidth ?? 640, 640);
      const { embedUrl } = publicUrls(c.env, t.id, t.shareToken, t.title);
      return c.json(
        {
          version: "1.0" as const,
          type: "rich" as const,
          provider_name: "Refrain",
          provider_url: c.env.PUBLIC_URL,
          title: t.title ?? "Refrain",
          html: `<iframe src="${embedUrl}" width="${width}" height="120" style="border:0" allow="autoplay" title="${frameTitle(t.title)}"></iframe>`,
          width,
          height: 120,
        },
        200,
      );
    },
  );
