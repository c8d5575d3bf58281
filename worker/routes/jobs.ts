import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { generations, jobs, takePreferences, tracks, users, vocals } from "../../db";
import { preferredLanguage } from "../../domain/accept-language";
import { formatLyricsText } from "../../providers";
import { requireToken, requireUser } from "../auth";
import { router } from "../http/app-factory";
import type { AppEnv } from "../http/context";
import { ApiError, errorResponses, notFound } from "../http/errors";
import { bearer, idParam, json } from "../http/openapi";
import {
  contextJobSchema,
  createdView,
  createJob,
  createJobSchema,
  issueStreamTicket,
  jobEventSchema,
  jobSchema,
  jobStub,
  listJobViews,
  loadJobView,
  ownedJob,
  STREAM_TICKET_TTL_SECONDS,
  verifyStreamTicket,
} from "../jobs";
import { admitOrder, turnstileHeaderSchema } from "../security";
import { databaseOf } from "../shards";

const common = { tags: ["Songs"], security: bearer, middleware: requireUser };
const revisionSchema = z
  .object({
    styleTags: contextJobSchema.shape.styleTags.optional(),
    vocal: z.enum(vocals).optional(),
    mood: z.string().trim().min(1).max(40).optional(),
  })
  .meta({ id: "Revision" });
const streamTicketSchema = z.object({ ticket: z.string(), expiresAt: z.iso.datetime() }).meta({
  id: "StreamTicket",
  description: `Opens this job's event stream for ${STREAM_TICKET_TTL_SECONDS} seconds; ask for a new one to reconnect after that.`,
});

const writeInHeaderSchema = z.string().max(255).optional().openapi({
  description:
    "The language (fr or en, by weight) of the emails about this order, sent when nobody is following it: its lyrics waiting for approval, the song ready, or the order stopped and refunded. By default, the song's.",
});

/** The event stream takes a stream ticket (EventSource cannot send headers) or, from other clients, the access token. */
const streamAuth = createMiddleware<AppEnv>(async (c, next) => {
  const ticket = c.req.query("ticket");
  if (ticket === undefined) return requireUser(c, next);
  const verdict = await verifyStreamTicket(c.env, c.req.param("id") ?? "", ticket);
  if (typeof verdict === "string")
    throw new ApiError(
      "forbidden",
      verdict === "expired" ? "This stream ticket has expired" : "This stream ticket is not valid",
    );
  const user = await c.var.db
    .select({ id: users.id, role: users.role, email: users.email, orderEmails: users.orderEmails })
    .from(users)
    .where(eq(users.id, verdict.userId))
    .get();
  if (!user) throw new ApiError("forbidden", "This stream ticket is not valid");
  c.set("user", user);
  await next();
});

export const jobRoutes = router()
  .openapi(
    createRoute({
      ...common,
      // The account and its session are read with the Idempotency-Key, in the order's first D1 batch.
      middleware: requireToken,
      method: "post",
      path: "/api/jobs",
      summary: "Order a song",
      description:
        "Reserves the song's credits and queues the order. The same Idempotency-Key with the same body answers as the first request did (202, the same job, `Idempotent-Replayed: true`), whatever the balance, limits or quota say by then; with another body, 422; while the first request is still being placed, 409 with Retry-After. Credits are debited only when the song is delivered, and refunded on failure, cancel or timeout.",
      request: {
        headers: z.object({
          "idempotency-key": z
            .string()
            .min(8)
            .max(255)
            .openapi({ description: "A unique key per order, e.g. a UUID." }),
          "cf-turnstile-response": turnstileHeaderSchema,
          "accept-language": writeInHeaderSchema,
        }),
        body: json(createJobSchema, "A brief (context mode) or your own lyrics (custom mode)"),
      },
      responses: {
        202: json(
          jobSchema,
          "Accepted and queued, or the job this Idempotency-Key already created (`Idempotent-Replayed: true`)",
        ),
        ...errorResponses(
          "validation_failed",
          "unauthorized",
          "insufficient_credits",
          "challenge_failed",
          "not_found",
          "idempotency_conflict",
          "idempotency_in_progress",
          "rate_limited",
          "quota_exceeded",
          "unavailable",
        ),
      },
    }),
    async (c) => {
      const created = await createJob({
        env: c.env,
        db: c.var.db,
        ctx: c.executionCtx,
        orderer: c.var.token ?? c.var.user,
        idempotencyKey: c.req.valid("header")["idempotency-key"],
        body: c.req.valid("json"),
        writeIn: preferredLanguage(c.req.valid("header")["accept-language"]),
        admit: (ordersToday, user) => admitOrder(c, user, ordersToday),
      });
      c.set("user", created.user);
      c.header("Location", `/api/jobs/${created.job.id}`);
      if (created.replayed) c.header("Idempotent-Replayed", "true");
      return c.json(await createdView(c.var.db, created), 202);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/jobs",
      summary: "List your songs, newest first",
      request: {
        query: z.object({
          projectId: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
          cursor: z.string().max(200).optional().describe("`next` from the previous page: the songs older than it"),
        }),
      },
      responses: {
        200: json(
          z.object({
            jobs: z.array(jobSchema),
            next: z.string().nullable().describe("The cursor of the next (older) page; null on the last page"),
          }),
          "A page of your jobs",
        ),
        ...errorResponses("validation_failed", "unauthorized"),
      },
    }),
    async (c) => {
      const { projectId, limit, cursor } = c.req.valid("query");
      return c.json(
        await listJobViews(c.var.db, c.var.user.id, {
          limit,
          ...(projectId ? { projectId } : {}),
          ...(cursor ? { cursor } : {}),
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/jobs/{id}",
      summary: "Get a song order",
      request: { params: idParam("job") },
      responses: { 200: json(jobSchema, "The job"), ...errorResponses("unauthorized", "not_found") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "job", id);
      return c.json(await loadJobView(db, await ownedJob(db, c.var.user.id, id)), 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/api/jobs/{id}/cancel",
      summary: "Cancel an order in progress; its credits are refunded",
      request: { params: idParam("job") },
      responses: { 200: json(jobSchema, "Canceled"), ...errorResponses("unauthorized", "not_found", "conflict") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "job", id);
      const job = await ownedJob(db, c.var.user.id, id);
      const result = await jobStub(c.env, job.id).apply(job.id, { type: "cancel" });
      if (!result.applied && result.status !== "CANCELED")
        throw new ApiError("conflict", `This order is already ${result.status?.toLowerCase() ?? "finished"}`);
      return c.json(await loadJobView(db, await ownedJob(db, c.var.user.id, job.id)), 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/api/jobs/{id}/choose",
      summary: "Keep one of the two takes as your song",
      request: {
        params: idParam("job"),
        body: json(z.object({ trackId: z.string().min(1) }).meta({ id: "ChooseTake" }), "The take to keep"),
      },
      responses: {
        200: json(jobSchema, "The job with its chosen take"),
        ...errorResponses("validation_failed", "unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "job", id);
      const job = await ownedJob(db, c.var.user.id, id);
      const { trackId } = c.req.valid("json");
      const takes = await db
        .select({ id: tracks.id, provider: tracks.provider })
        .from(tracks)
        .where(eq(tracks.jobId, job.id));
      const take = takes.find((t) => t.id === trackId);
      if (!take) throw new ApiError("not_found", "No such take for this job", { trackId: ["not a take of this job"] });
      const other = takes.find((t) => t.provider !== take.provider);
      await db.batch([
        db.update(jobs).set({ chosenTrackId: take.id, updatedAt: Date.now() }).where(eq(jobs.id, job.id)),
        // In a blind comparison, the take kept is a vote for its engine; the last choice counts.
        ...(job.arm === "blind" && other
          ? [
              db
                .insert(takePreferences)
                .values({
                  jobId: job.id,
                  chosenProvider: take.provider,
                  otherProvider: other.provider,
                  createdAt: Date.now(),
                })
                .onConflictDoUpdate({
                  target: takePreferences.jobId,
                  set: { chosenProvider: take.provider, otherProvider: other.provider },
                }),
            ]
          : []),
      ]);
      return c.json(await loadJobView(db, { ...job, chosenTrackId: take.id }), 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/api/jobs/{id}/revision",
      summary: "Make a revision of a finished song: the same lyrics, a new seed, optionally another style or voice",
      description:
        "The first revision of each song paid for is free (the ledger records it at 0 credits); later ones, and revisions of a free one, are charged like an order.",
      request: {
        params: idParam("job"),
        headers: z.object({
          "idempotency-key": z.string().min(8).max(255),
          "cf-turnstile-response": turnstileHeaderSchema,
          "accept-language": writeInHeaderSchema,
        }),
        body: json(revisionSchema, "What to change"),
      },
      responses: {
        202: json(
          jobSchema,
          "The revision, queued, or the one this Idempotency-Key already created (`Idempotent-Replayed: true`)",
        ),
        ...errorResponses(
          "validation_failed",
          "unauthorized",
          "challenge_failed",
          "not_found",
          "conflict",
          "insufficient_credits",
          "idempotency_conflict",
          "idempotency_in_progress",
          "rate_limited",
          "quota_exceeded",
          "unavailable",
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "job", id);
      const parent = await ownedJob(db, c.var.user.id, id);
      if (parent.status !== "SUCCEEDED") throw new ApiError("conflict", "Only a finished song can be revised");
      const generation = await db.select().from(generations).where(eq(generations.jobId, parent.id)).get();
      if (!generation) throw notFound("Job");
      const change = c.req.valid("json");
      const lyrics = generation.lyrics;
      const vocal = change.vocal ?? generation.vocal;
      const created = await createJob({
        env: c.env,
        db,
        ctx: c.executionCtx,
        orderer: c.var.user,
        idempotencyKey: c.req.valid("header")["idempotency-key"],
        body: {
          mode: "custom",
          title: parent.title ?? lyrics?.title ?? "Refrain",
          lyrics: lyrics ? formatLyricsText(lyrics) : "",
          language: generation.language,
          styleTags: change.styleTags ?? (generation.styleTags as string[]),
          vocal: lyrics?.sections.length ? vocal : "instrumental",
          durationSeconds: generation.durationSeconds,
          approveLyrics: false,
          ...((change.mood ?? generation.mood) ? { mood: (change.mood ?? generation.mood)! } : {}),
          ...(parent.projectId ? { projectId: parent.projectId } : {}),
        },
        // One free other take per song paid for: a free take's own other takes are charged, or each would
        // give the next one free, and one order would make songs without end.
        revision: { parentJobId: parent.id, context: generation.context, free: parent.credits > 0 },
        writeIn: preferredLanguage(c.req.valid("header")["accept-language"]),
        admit: (ordersToday, user) => admitOrder(c, user, ordersToday),
      });
      if (created.replayed) c.header("Idempotent-Replayed", "true");
      return c.json(await createdView(db, created), 202);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/api/jobs/{id}/stream-ticket",
      summary: "A short-lived ticket to follow a job from a browser's EventSource",
      request: { params: idParam("job") },
      responses: { 201: json(streamTicketSchema, "The ticket"), ...errorResponses("unauthorized", "not_found") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "job", id);
      const job = await ownedJob(db, c.var.user.id, id);
      return c.json(await issueStreamTicket(c.env, c.var.user.id, job.id), 201);
    },
  )
  .openapi(
    createRoute({
      ...common,
      middleware: streamAuth,
      method: "get",
      path: "/api/jobs/{id}/events",
      summary: "Follow a job live (Server-Sent Events)",
      description:
        "Each transition is one event: `id` is its sequence number, `event` its type, `data` a JobEvent. Reconnect with `Last-Event-ID` (or `lastEventId`) to receive what was missed. The stream ends after the terminal event. Send the access token, or from a browser's EventSource a `ticket` from `POST /api/jobs/{id}/stream-ticket`.",
      request: {
        params: idParam("job"),
        query: z.object({
          ticket: z
            .string()
            .max(512)
            .optional()
            .openapi({ description: "A stream ticket for this job, instead of the access token." }),
          lastEventId: z
            .string()
            .max(32)
            .optional()
            .openapi({ description: "The last event received, when `Last-Event-ID` cannot be sent." }),
        }),
      },
      responses: {
        200: { description: "An event stream", content: { "text/event-stream": { schema: jobEventSchema } } },
        ...errorResponses("validation_failed", "unauthorized", "forbidden", "not_found"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = databaseOf(c.env, "job", id);
      const job = await ownedJob(db, c.var.user.id, id);
      const url = new URL("https://job.internal/events");
      url.searchParams.set("job", job.id);
      const lastEventId = c.req.header("last-event-id") ?? c.req.valid("query").lastEventId;
      return jobStub(c.env, job.id).fetch(url, {
        headers: lastEventId ? { "Last-Event-ID": lastEventId } : {},
      }) as unknown as Response;
    },
  );
