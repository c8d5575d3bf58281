import { z } from "zod";
import { lineTimingSchema, lyricsSchema as productLyrics, songContextSchema } from "./lyrics";
import { languages, vocals } from "./values";

// The engine gateway's contract, written once: the engine server validates with it and publishes it
// as OpenAPI; InternalMusicProvider (providers/internal) parses the engine's answers with it.

export const engineTrackStatuses = ["queued", "running", "succeeded", "failed", "canceled"] as const;
export type EngineTrackStatus = (typeof engineTrackStatuses)[number];

const lyricsSchema = productLyrics.meta({ id: "EngineLyrics" });

const contextSchema = songContextSchema.meta({ id: "EngineSongContext" });

export const createTrackBody = z
  .object({
    lyrics: lyricsSchema
      .nullable()
      .describe(
        "Lyrics by section; null with a context makes the engine write them, null without one plays an instrumental.",
      ),
    context: contextSchema.optional(),
    styleTags: z.array(z.string().max(40)).max(6).default([]),
    mood: z.string().max(40).optional(),
    tempo: z.number().min(40).max(220).optional(),
    key: z
      .string()
      .regex(/^[A-G][#b]?m?$/)
      .optional(),
    durationSeconds: z.number().min(10).max(300),
    vocal: z.enum(vocals),
    language: z.enum(languages),
    seed: z.int().min(0).max(4_294_967_295),
    pronunciations: z.record(z.string().max(60), z.string().max(120)).optional(),
    callbackUrl: z.url().optional().describe("Called (Standard Webhooks signature) when the track ends."),
  })
  .meta({ id: "EngineCreateTrack" });
export type CreateTrackBody = z.infer<typeof createTrackBody>;

export const trackResultSchema = z
  .object({
    durationSeconds: z.number(),
    sampleRate: z.int(),
    loudnessLufs: z.number(),
    truePeakDbtp: z.number(),
    style: z.string(),
    tempo: z.number(),
    key: z.string(),
    lyrics: lyricsSchema.nullable(),
    timings: z.array(lineTimingSchema),
    model: z.string(),
    version: z.string(),
    audio: z.object({ mp3: z.string(), wav: z.string() }).describe("Signed, expiring download URLs (Range supported)."),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "EngineTrackResult" });

export const trackSchema = z
  .object({
    id: z.string(),
    status: z.enum(engineTrackStatuses),
    stage: z.string().nullable(),
    progress: z.number().min(0).max(1),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    result: trackResultSchema.nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "EngineTrack" });
export type EngineTrack = z.infer<typeof trackSchema>;

export const engineErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .meta({ id: "EngineError" });

export const callbackBody = z
  .object({
    type: z.enum(["track.succeeded", "track.failed", "track.canceled"]),
    data: z.object({ id: z.string(), status: z.enum(engineTrackStatuses) }),
  })
  .meta({ id: "EngineCallback" });
export type EngineCallback = z.infer<typeof callbackBody>;
