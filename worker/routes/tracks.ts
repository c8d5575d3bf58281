import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { tracks } from "../../db";
import { requireUser } from "../auth";
import { router } from "../http/app-factory";
import { ApiError, errorResponses, notFound } from "../http/errors";
import { bearer, idParam, json } from "../http/openapi";
import { dispositions, mediaFormats, serveTrack, signMediaLink, verifyMediaLink } from "../media";

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
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Track" });
const linksSchema = z
  .object({ streamUrl: z.string(), downloadUrl: z.string(), wavDownloadUrl: z.string().nullable(), expiresAt: z.iso.datetime() })
  .meta({ id: "TrackLinks", description: "Signed, expiring links; ask again for fresh ones before they expire." });

const common = { tags: ["Tracks"], security: bearer, middleware: requireUser };

export const trackRoutes = router()
  .openapi(
    createRoute({ ...common, method: "get", path: "/api/tracks/{id}", summary: "A delivered take", request: { params: idParam("track") }, responses: { 200: json(trackSchema, "The track"), ...errorResponses("unauthorized", "not_found") } }),
    async (c) => {
      const t = await c.var.db.select().from(tracks).where(and(eq(tracks.id, c.req.valid("param").id), eq(tracks.userId, c.var.user.id))).get();
      if (!t) throw notFound("Track");
      const { r2Key: _key, wavR2Key: _wavKey, wavSha256: _wavSha, userId: _user, contentType: _type, provider: _provider, providerTakeId: _take, createdAt, ...rest } = t;
      return c.json({ ...rest, createdAt: new Date(createdAt).toISOString() }, 200);
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
      const t = await c.var.db.select({ id: tracks.id, wav: tracks.wavR2Key }).from(tracks).where(and(eq(tracks.id, c.req.valid("param").id), eq(tracks.userId, c.var.user.id))).get();
      if (!t) throw notFound("Track");
      const now = Date.now();
      const [stream, download, wav] = await Promise.all([
        signMediaLink(c.env, t.id, "inline", now),
        signMediaLink(c.env, t.id, "attachment", now),
        t.wav ? signMediaLink(c.env, t.id, "attachment", now, "wav") : null,
      ]);
      return c.json({ streamUrl: stream.url, downloadUrl: download.url, wavDownloadUrl: wav?.url ?? null, expiresAt: stream.expiresAt }, 200);
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
        query: z.object({ exp: z.coerce.number().int(), disp: z.enum(dispositions), fmt: z.enum(mediaFormats).default("mp3"), sig: z.string().min(1).max(128) }),
      },
      responses: {
        200: { description: "The whole file", content: { "audio/mpeg": { schema: z.string().meta({ format: "binary" }) } } },
        206: { description: "The requested byte range" },
        416: { description: "The range is outside the file" },
        ...errorResponses("validation_failed", "forbidden", "not_found"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { exp, disp, fmt, sig } = c.req.valid("query");
      const verdict = await verifyMediaLink(c.env, id, exp, disp, fmt, sig);
      if (verdict !== "ok") throw new ApiError("forbidden", verdict === "expired" ? "This link has expired" : "This link is not valid");
      const t = await c.var.db.select().from(tracks).where(eq(tracks.id, id)).get();
      if (!t) throw notFound("Track");
      return serveTrack(c.env.AUDIO, t, c.req.raw, disp, fmt) as never;
    },
  );
