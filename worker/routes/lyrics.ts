import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { generations, sectionKinds } from "../../db";
import { sungLine } from "../../domain/lyrics-text";
import { formatLyricsText } from "../../providers";
import { requireUser } from "../auth";
import { config } from "../config";
import { router } from "../http/app-factory";
import { ApiError, errorResponses } from "../http/errors";
import { bearer, idParam, json } from "../http/openapi";
import { jobSchema, jobStub, loadJobView, ownedJob } from "../jobs";
import { mentionsName } from "../jobs/name-check";
import { musicRegistry } from "../routing";
import { databaseOf } from "../shards";

const common = { tags: ["Lyrics approval"], security: bearer, middleware: requireUser };

const editSchema = z
  .object({
    title: z.string().trim().min(1).max(80),
    sections: z
      .array(
        z.object({
          kind: z.enum(sectionKinds),
          lines: z
            .array(
              z
                .string()
                .trim()
                .min(1, "A line cannot be empty")
                .max(120, "At most 120 characters per line")
                // Shown as sung: what the singer would skip is not kept.
                .transform(sungLine)
                .refine((line) => line.length > 0, "A line needs words to sing, not only emoji"),
            )
            .min(1)
            .max(16),
        }),
      )
      .min(1)
      .max(12),
  })
  .meta({ id: "LyricsEdit" });

/** The job as the person acts on it: theirs, waiting for its lyrics to be approved. */
async function waitingJob(c: { env: Env; var: { user: { id: string } } }, id: string) {
  const db = databaseOf(c.env, "job", id);
  const job = await ownedJob(db, c.var.user.id, id);
  if (job.status !== "LYRICS_READY")
    throw new ApiError(
      "conflict",
      `The lyrics can be changed only while they wait for approval; this order is ${job.status.toLowerCase()}`,
    );
  return { job, db };
}

function refused(result: { applied: boolean; status: string | null; reason?: string }) {
  if (!result.applied) throw new ApiError("conflict", result.reason ?? "The order has moved on");
}

export const lyricsRoutes = router()
  .openapi(
    createRoute({
      ...common,
      method: "put",
      path: "/api/jobs/{id}/lyrics",
      summary: "Edit the lyrics before approving them",
      description:
        "Sections and lines are checked against the engine chosen for the order: the lyrics must fit its limits and, for a gift, still name its recipient.",
      request: { params: idParam("job"), body: json(editSchema, "The lyrics as they should be sung") },
      responses: {
        200: json(jobSchema, "The job with its new lyrics"),
        ...errorResponses("validation_failed", "unauthorized", "not_found", "conflict"),
      },
    }),
    async (c) => {
      const { job, db } = await waitingJob(c, c.req.valid("param").id);
      const lyrics = c.req.valid("json");
      const registry = musicRegistry(c.env);
      const limit =
        job.provider && registry.has(job.provider) ? registry.get(job.provider).capabilities.maxLyricsChars : 3_000;
      const length = formatLyricsText(lyrics).length;
      if (length > limit)
        throw new ApiError(
          "validation_failed",
          `These lyrics are ${length} characters long; this song takes at most ${limit}`,
          { sections: [`at most ${limit} characters in all`] },
        );
      const generation = await db
        .select({ context: generations.context })
        .from(generations)
        .where(eq(generations.jobId, job.id))
        .get();
      const name = (generation?.context as { recipientName?: string } | null)?.recipientName;
      if (name && !mentionsName(lyrics.sections.flatMap((s) => s.lines).join("\n"), name))
        throw new ApiError("validation_failed", `The lyrics must still name ${name}`, {
          sections: [`${name} is not mentioned`],
        });
      refused(await jobStub(c.env, job.id).apply(job.id, { type: "lyrics_edited", lyrics }));
      return c.json(await loadJobView(db, await ownedJob(db, c.var.user.id, job.id)), 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/api/jobs/{id}/lyrics/redraft",
      summary: "Ask for another draft of the lyrics (free, up to a limit per order)",
      request: { params: idParam("job") },
      responses: {
        200: json(jobSchema, "A new draft is being written"),
        ...errorResponses("unauthorized", "not_found", "conflict"),
      },
    }),
    async (c) => {
      const { job, db } = await waitingJob(c, c.req.valid("param").id);
      const free = config(c.env).LYRICS_FREE_DRAFTS;
      // The first draft is the order's own; LYRICS_FREE_DRAFTS more may follow.
      if (job.drafts > free)
        throw new ApiError(
          "conflict",
          `This order has had its ${free} free new drafts; edit the lyrics or approve them`,
        );
      refused(await jobStub(c.env, job.id).apply(job.id, { type: "redraft" }));
      return c.json(await loadJobView(db, await ownedJob(db, c.var.user.id, job.id)), 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/api/jobs/{id}/lyrics/approve",
      summary: "Approve the lyrics: the music is made now",
      request: { params: idParam("job") },
      responses: {
        200: json(jobSchema, "Approved; the song is being made"),
        ...errorResponses("unauthorized", "not_found", "conflict"),
      },
    }),
    async (c) => {
      const { job, db } = await waitingJob(c, c.req.valid("param").id);
      refused(await jobStub(c.env, job.id).apply(job.id, { type: "lyrics_approved" }));
      return c.json(await loadJobView(db, await ownedJob(db, c.var.user.id, job.id)), 200);
    },
  );
