import { z } from "@hono/zod-openapi";
import { jobModes, jobStatuses, languages, vocals } from "../../db";
import { failureCodes } from "../../domain/failures";
import { lyricsSchema as productLyrics } from "../../domain/lyrics";
import { sungLineCount } from "../../domain/lyrics-text";
import { asName } from "../../domain/names";
import { maxSungLines } from "../../domain/song-form";
import { songSeconds } from "../../domain/values";
import { mentionsName } from "./name-check";

const styleTags = z
  .array(z.string().trim().min(1).max(40))
  .min(1)
  .max(6)
  .default(["pop"])
  .describe("Genres and styles, e.g. pop, folk, chanson.");
const { min: minDuration, max: maxDuration } = songSeconds;
const durationsOffered = Array.from({ length: maxDuration - minDuration + 1 }, (_, i) => minDuration + i);
const common = {
  projectId: z.string().max(64).optional().describe("A project of yours to file the song under."),
  language: z.enum(languages),
  styleTags,
  mood: z.string().trim().min(1).max(40).optional(),
  vocal: z.enum(vocals).default("female"),
  durationSeconds: z.int().min(minDuration).max(maxDuration).default(120).describe("Target length of the song."),
  seed: z.int().min(0).max(2_147_483_647).optional().describe("Same seed, same engine, same song; random when absent."),
  approveLyrics: z
    .boolean()
    .default(false)
    .describe("Stop once the lyrics are written, so they can be read, edited or redrafted before the music is made."),
  engine: z
    .string()
    .min(1)
    .max(60)
    .optional()
    .describe("Operators only: force this order onto one engine (a per-job flag)."),
};

export const contextJobSchema = z
  .object({
    mode: z.literal("context"),
    occasion: z.string().trim().min(2).max(200).describe('What the song is for, e.g. "a birthday".'),
    // A name made only of emoji or punctuation gives a singer nothing to sing. One typed in lower case is
    // kept as a name ("sam" → "Sam"): the lyrics, the gift page and its cover all show it so.
    recipientName: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/\p{L}/u, "A name needs at least one letter")
      .transform(asName),
    pronounceAs: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .optional()
      .describe(
        'How the name sounds, e.g. "ma-é-liss" for Maëlys: the lyrics keep the spelling, our singer sings this.',
      ),
    relationship: z.string().trim().min(1).max(80).optional().describe('Who they are to you, e.g. "my sister".'),
    details: z
      .array(z.string().trim().min(1).max(200))
      .max(6)
      .default([])
      .describe("Story details to weave into the lyrics."),
    ...common,
  })
  .meta({ id: "ContextJob" });

export const customJobSchema = z
  .object({
    mode: z.literal("custom"),
    title: z.string().trim().min(1).max(80),
    lyrics: z
      .string()
      .trim()
      .max(5000)
      .default("")
      .describe("Your lyrics; [Verse], [Chorus], [Bridge] tags mark the sections."),
    recipientName: contextJobSchema.shape.recipientName
      .optional()
      .describe("Who the song is for, if anyone: the lyrics must name them, the gift page and its cover show them."),
    pronounceAs: contextJobSchema.shape.pronounceAs,
    ...common,
  })
  .refine((job) => job.vocal === "instrumental" || /\p{L}/u.test(job.lyrics), {
    path: ["lyrics"],
    message: "Lyrics are required unless the song is instrumental",
  })
  .superRefine((job, ctx) => {
    if (job.vocal === "instrumental" || !job.lyrics) return;
    // Every line is sung at a pace people can follow: more lines than the length sings are refused
    // here, before anything is charged, rather than by the engine after the order is taken.
    const lines = sungLineCount(job.lyrics);
    const fits = maxSungLines(job.durationSeconds);
    if (lines <= fits) return;
    const length = durationsOffered.find((d) => maxSungLines(d) >= lines);
    ctx.addIssue({
      code: "custom",
      path: ["lyrics"],
      message:
        `${lines} lines are too many for a song of ${job.durationSeconds} s, which sings at most ${fits}: ` +
        (length
          ? `choose ${length} s or longer, or shorten the lyrics.`
          : `shorten the lyrics to ${maxSungLines(maxDuration)} lines or fewer.`),
    });
  })
  .refine((job) => !job.pronounceAs || job.recipientName, {
    path: ["pronounceAs"],
    message: "A pronunciation needs the recipient's name",
  })
  // Checked now rather than after the song is made: takes that never name their recipient are not delivered.
  .refine((job) => !job.recipientName || job.vocal === "instrumental" || mentionsName(job.lyrics, job.recipientName), {
    path: ["recipientName"],
    message: "The lyrics never name the recipient",
  })
  .meta({ id: "CustomJob" });

export const createJobSchema = z
  .discriminatedUnion("mode", [contextJobSchema, customJobSchema])
  .meta({ id: "CreateJob" });
export type CreateJobBody = z.infer<typeof createJobSchema>;

export const lyricsSchema = productLyrics.meta({ id: "Lyrics" });

/** A take as the API shows it (the engine's own take is providers/contract.ts's `takeSchema`). */
export const takeViewSchema = z
  .object({
    trackId: z.string(),
    takeIndex: z.int(),
    format: z.string(),
    durationSeconds: z.number().nullable(),
    sizeBytes: z.int(),
    chosen: z.boolean(),
  })
  .meta({ id: "Take" });

export const jobSchema = z
  .object({
    id: z.string(),
    status: z.enum(jobStatuses),
    mode: z.enum(jobModes),
    projectId: z.string().nullable(),
    title: z.string().nullable(),
    credits: z.int().describe("Credits reserved for this order; debited only on success."),
    provider: z.string().nullable(),
    error: z
      .object({
        code: z
          .enum(failureCodes)
          .describe(
            "Why the order did not become a song; the content_refused, copyright_refused and lyrics_invalid codes ask for other words.",
          ),
        message: z.string(),
      })
      .nullable(),
    lyrics: lyricsSchema.nullable(),
    takes: z.array(takeViewSchema),
    chosenTrackId: z.string().nullable(),
    approveLyrics: z.boolean(),
    drafts: z.int().describe("Lyrics drafts written so far."),
    parentJobId: z.string().nullable().describe("The order this one revises."),
    request: z.record(z.string(), z.unknown()).describe("What was ordered: the brief, or the custom lyrics and style."),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    deadlineAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Job" });
export type JobView = z.infer<typeof jobSchema>;

export const jobEventSchema = z
  .object({ seq: z.int(), type: z.string(), status: z.enum(jobStatuses), data: z.unknown(), at: z.iso.datetime() })
  .meta({ id: "JobEvent" });
