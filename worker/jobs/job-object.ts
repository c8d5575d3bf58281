import { DurableObject } from "cloudflare:workers";
import { and, asc, eq, gt } from "drizzle-orm";
import { Hono } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import { database, generations, jobEvents, jobs, tracks, type Job, type JobEvent, type JobStatus } from "../../db";
import { settleStatements } from "../credits";
import { log, recordFinishedJob, watchSecrets } from "../observability";
import { send } from "../queues/messages";
import { nextInChain } from "../routing";
import { canFailOver, decide, isTerminal, type JobInput } from "./machine";

export interface ApplyResult {
  applied: boolean;
  status: JobStatus | null;
  reason?: string;
}

const errorFor: Partial<Record<JobInput["type"], { code: string; message: string }>> = {
  cancel: { code: "canceled", message: "The order was canceled; its credits were refunded." },
  deadline: { code: "timed_out", message: "The song was not ready in time; its credits were refunded." },
};

/** Writes are chained so events keep their order and the stream closes only after the last one is out. */
class Listener {
  private written: Promise<unknown> = Promise.resolve();
  constructor(
    private readonly stream: SSEStreamingApi,
    readonly done: () => void,
  ) {}
  send(event: Pick<JobEvent, "seq" | "type" | "status" | "data" | "createdAt">): void {
    this.written = this.written.then(() => this.stream.writeSSE({ id: String(event.seq), event: event.type, data: eventJson(event) })).catch(() => this.done());
  }
  end(): void {
    void this.written.then(this.done, this.done);
  }
}

const lyricsExpired = { code: "lyrics_expired", message: "The lyrics were not approved in time; the credits were refunded." };

const eventJson = (e: Pick<JobEvent, "seq" | "type" | "status" | "data" | "createdAt">) =>
  JSON.stringify({ seq: e.seq, type: e.type, status: e.status, data: e.data ?? {}, at: new Date(e.createdAt).toISOString() });

/**
 * The job's Durable Object is the only writer of a job's state. Every transition is decided by the
 * pure machine, written to D1 in one batch (job row, event log, credits), then streamed to listeners
 * and followed by the next step's message.
 */
export class JobObject extends DurableObject<Env> {
  private readonly db = database(this.env.DB);
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<Listener>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    watchSecrets(env);
  }

  // The input gate only holds across storage calls, not across D1 or queue calls: without this chain a
  // webhook and a poll could both read the same state and both apply.
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private load(jobId: string): Promise<Job | undefined> {
    return this.db.select().from(jobs).where(eq(jobs.id, jobId)).get();
  }

  /** Idempotent: arms the deadline and sends a QUEUED job to its first step. The cron sweep calls it again for stragglers. */
  async start(jobId: string): Promise<ApplyResult> {
    return this.serially(async () => {
      await this.ctx.storage.put("jobId", jobId);
      const job = await this.load(jobId);
      if (!job) return { applied: false, status: null, reason: "unknown job" };
      if (isTerminal(job.status)) return { applied: false, status: job.status };
      if (Date.now() >= job.deadlineAt) return this.commit(job, { type: "deadline" });
      await this.armAlarm(job);
      if (job.status !== "QUEUED") return { applied: false, status: job.status };
      // Sent before the transition is recorded: a crash in between only leads to a duplicate message, which the machine ignores.
      await send(this.env, { role: "lyrics", jobId });
      return this.commit(job, { type: "lyrics_started" });
    });
  }

  async apply(jobId: string, input: JobInput): Promise<ApplyResult> {
    return this.serially(async () => {
      const job = await this.load(jobId);
      if (!job) return { applied: false, status: null, reason: "unknown job" };
      if (input.type === "lyrics_written" && job.approveLyrics) return this.commit(job, { ...input, type: "lyrics_drafted" });
      if (canFailOver(input) && decide(job, { type: "failover", provider: "", reason: "" }).accepted && !(input.type === "failed" && input.code === "name_missing" && job.providersTried.length > 1)) {
        const next = await nextInChain(this.env, this.db, job.providerChain);
        if (next) return this.commit(job, { type: "failover", provider: next, reason: input.type === "failed" ? input.message : "" });
      }
      return this.commit(job, input);
    });
  }

  /** A callback arrived: it proves nothing by itself, so the job checks the task's real status now. */
  async hint(jobId: string): Promise<void> {
    await this.serially(async () => {
      const job = await this.load(jobId);
      if (job?.status === "GENERATING_MUSIC" && job.providerTaskId && job.provider)
        await send(this.env, { role: "music", op: "poll", jobId, provider: job.provider, taskId: job.providerTaskId });
    });
  }

  override async alarm(): Promise<void> {
    const jobId = await this.ctx.storage.get<string>("jobId");
    if (!jobId) return;
    await this.serially(async () => {
      const job = await this.load(jobId);
      if (!job || isTerminal(job.status)) return;
      const now = Date.now();
      if (now >= job.deadlineAt) {
        await this.commit(job, { type: "deadline" });
        return;
      }
      const pollAt = await this.ctx.storage.get<number>("pollAt");
      if (pollAt !== undefined && pollAt <= now) {
        await this.ctx.storage.delete("pollAt");
        if (job.status === "GENERATING_MUSIC" && job.provider)
          await send(
            this.env,
            job.providerTaskId ? { role: "music", op: "poll", jobId, provider: job.provider, taskId: job.providerTaskId } : { role: "music", op: "create", jobId },
          );
      }
      await this.armAlarm(job);
    });
  }

  private async armAlarm(job: Job): Promise<void> {
    const pollAt = await this.ctx.storage.get<number>("pollAt");
    await this.ctx.storage.setAlarm(Math.min(job.deadlineAt, pollAt ?? Number.POSITIVE_INFINITY));
  }

  private async schedulePoll(job: Job, reset: boolean): Promise<void> {
    const attempt = reset ? 0 : ((await this.ctx.storage.get<number>("pollAttempt")) ?? 0) + 1;
    const delay = Math.min(Number(this.env.POLL_INITIAL_SECONDS) * 2 ** attempt, Number(this.env.POLL_MAX_SECONDS));
    await this.ctx.storage.put({ pollAttempt: attempt, pollAt: Date.now() + delay * 1000 });
    await this.armAlarm(job);
  }

  private async commit(job: Job, input: JobInput): Promise<ApplyResult> {
    const decision = decide(job, input);
    if (!decision.accepted) return { applied: false, status: job.status, reason: decision.reason };
    const db = this.db;
    const now = Date.now();
    const seq = job.lastSeq + 1;
    const update: Partial<Job> = { status: decision.next, updatedAt: now, lastSeq: seq };
    const data: Record<string, unknown> = {};
    const writes = [];

    switch (input.type) {
      case "lyrics_written":
      case "lyrics_drafted":
        writes.push(db.update(generations).set({ lyrics: input.lyrics, lyricsSource: input.source, updatedAt: now }).where(eq(generations.jobId, job.id)));
        update.title = job.mode === "custom" ? job.title : input.lyrics.title;
        update.drafts = job.drafts + 1;
        data.lyrics = input.lyrics;
        if (input.type === "lyrics_drafted") {
          // Waiting for the person replaces the song's deadline with the approval window.
          update.deadlineAt = now + Number(this.env.LYRICS_APPROVAL_HOURS) * 3_600_000;
          data.draft = job.drafts + 1;
          data.expiresAt = new Date(update.deadlineAt).toISOString();
        }
        break;
      case "lyrics_edited":
        writes.push(db.update(generations).set({ lyrics: input.lyrics, lyricsSource: "user", updatedAt: now }).where(eq(generations.jobId, job.id)));
        update.title = job.mode === "custom" ? job.title : input.lyrics.title;
        data.lyrics = input.lyrics;
        break;
      case "redraft":
      case "lyrics_approved":
        update.deadlineAt = now + Number(this.env.JOB_DEADLINE_SECONDS) * 1000;
        break;
      case "submitted":
        update.provider = input.provider;
        update.providerTaskId = input.taskId;
        writes.push(db.update(generations).set({ provider: input.provider, providerTaskId: input.taskId, updatedAt: now }).where(eq(generations.jobId, job.id)));
        data.provider = input.provider;
        break;
      case "progress":
        if (input.progress !== undefined) data.progress = input.progress;
        if (input.stage) data.stage = input.stage;
        break;
      case "takes_ready":
        if (input.model) writes.push(db.update(generations).set({ model: input.model, updatedAt: now }).where(eq(generations.jobId, job.id)));
        data.takes = input.takes.length;
        break;
      case "delivered":
        if (input.tracks.length)
          writes.push(
            db.insert(tracks).values(input.tracks.map(({ timings: _timings, ...t }) => ({ ...t, jobId: job.id, userId: job.userId, provider: t.provider ?? job.provider ?? "unknown", createdAt: now }))),
            db.update(generations).set({ timings: Object.fromEntries(input.tracks.map((t) => [t.id, t.timings])), updatedAt: now }).where(eq(generations.jobId, job.id)),
          );
        data.tracks = input.tracks.map((t) => t.id);
        break;
      case "failed":
        update.errorCode = input.code;
        update.errorMessage = input.message;
        data.error = { code: input.code, message: input.message };
        break;
      case "failover": {
        const chain = job.providerChain;
        update.provider = input.provider;
        update.providerTaskId = null;
        update.providerChain = chain.slice(chain.indexOf(input.provider) + 1);
        update.providersTried = [...job.providersTried, input.provider];
        update.arm = "failover";
        writes.push(db.update(generations).set({ provider: input.provider, providerTaskId: null, updatedAt: now }).where(eq(generations.jobId, job.id)));
        data.failover = { from: job.provider, to: input.provider, reason: input.reason };
        break;
      }
      case "cancel":
      case "deadline": {
        const error = input.type === "deadline" && job.status === "LYRICS_READY" ? lyricsExpired : errorFor[input.type]!;
        update.errorCode = error.code;
        update.errorMessage = error.message;
        data.error = error;
        break;
      }
      case "lyrics_started":
      case "music_ready":
        break;
    }
    if (decision.settle) {
      update.finishedAt = now;
      writes.push(...settleStatements(db, job.userId, job.id, job.credits, decision.settle, decision.settle === "capture" ? { kind: "delivered", text: "song delivered" } : { kind: "refund", text: `refund: ${update.errorCode}` }));
      data.credits = decision.settle === "capture" ? { debited: job.credits } : { refunded: job.credits };
    }
    const event = { jobId: job.id, seq, type: input.type, status: decision.next, data, createdAt: now };
    await db.batch([
      // lastSeq in the condition: if anything else ever wrote this job meanwhile, the event's unique (job, seq) fails the batch.
      db.update(jobs).set(update).where(and(eq(jobs.id, job.id), eq(jobs.lastSeq, job.lastSeq))),
      db.insert(jobEvents).values(event),
      ...writes,
    ]);
    const next: Job = { ...job, ...update };
    log(decision.next === "FAILED" || decision.next === "TIMED_OUT" ? "warn" : "info", "job transition", {
      jobId: job.id,
      user: job.userId,
      provider: next.provider,
      event: input.type,
      from: job.status,
      to: decision.next,
      seq,
      ...(update.errorCode ? { error: update.errorCode } : {}),
      ...(decision.settle ? { settle: decision.settle, credits: job.credits, durationMs: now - job.createdAt } : {}),
    });
    this.broadcast(event, isTerminal(decision.next));
    if (decision.settle) await recordFinishedJob(this.env, db, next, now);
    // The engine we leave may still be working on the order: stop it, best effort.
    if (input.type === "failover" && job.provider && job.providerTaskId)
      await send(this.env, { role: "music", op: "cancel", jobId: job.id, provider: job.provider, taskId: job.providerTaskId });
    await this.follow(next, input);
    return { applied: true, status: decision.next };
  }

  /** The step that follows a transition: the next queue message, a poll, or a provider cancel. */
  private async follow(job: Job, input: JobInput): Promise<void> {
    const jobId = job.id;
    switch (input.type) {
      case "lyrics_written":
      case "lyrics_approved":
        await send(this.env, { role: "music", op: "create", jobId });
        await this.schedulePoll(job, true);
        break;
      case "lyrics_drafted":
        await this.armAlarm(job);
        break;
      case "redraft":
        await send(this.env, { role: "lyrics", jobId });
        await this.armAlarm(job);
        break;
      case "lyrics_edited":
        break;
      case "submitted":
        await this.schedulePoll(job, true);
        break;
      case "progress":
        await this.schedulePoll(job, false);
        break;
      case "failover":
        await send(this.env, { role: "music", op: "create", jobId });
        await this.schedulePoll(job, true);
        break;
      case "music_ready":
        await this.ctx.storage.delete(["pollAt", "pollAttempt"]);
        await send(this.env, { role: "postprocess", jobId });
        break;
      case "takes_ready":
        await send(this.env, { role: "delivery", jobId, takes: input.takes });
        break;
      case "cancel":
      case "deadline":
      case "failed":
        if (input.type !== "failed" && job.provider && job.providerTaskId)
          await send(this.env, { role: "music", op: "cancel", jobId, provider: job.provider, taskId: job.providerTaskId });
        await this.ctx.storage.delete(["pollAt", "pollAttempt"]);
        await this.ctx.storage.deleteAlarm();
        break;
      case "delivered":
        await this.ctx.storage.deleteAlarm();
        break;
      case "lyrics_started":
        break;
    }
  }

  private broadcast(event: Pick<JobEvent, "seq" | "type" | "status" | "data" | "createdAt">, last: boolean): void {
    for (const listener of this.listeners) {
      listener.send(event);
      if (last) listener.end();
    }
  }

  /** Server-Sent Events: what the listener missed (after Last-Event-ID), then each transition as it happens. */
  override async fetch(request: Request): Promise<Response> {
    const app = new Hono().get("/events", (c) => {
      const jobId = c.req.query("job") ?? "";
      const after = Number(c.req.header("Last-Event-ID") ?? c.req.query("after") ?? 0) || 0;
      return streamSSE(c, async (stream) => {
        let done!: () => void;
        const finished = new Promise<void>((resolve) => (done = resolve));
        const listener = new Listener(stream, done);
        // Replay and registration happen in the serial chain, so no transition can slip between them.
        await this.serially(async () => {
          const missed = await this.db.select().from(jobEvents).where(and(eq(jobEvents.jobId, jobId), gt(jobEvents.seq, after))).orderBy(asc(jobEvents.seq));
          for (const event of missed) listener.send(event);
          const job = await this.load(jobId);
          if (!job || isTerminal(job.status)) listener.end();
          else this.listeners.add(listener);
        });
        const ping = setInterval(() => void stream.write(": keep-alive\n\n").catch(() => done()), 15_000);
        stream.onAbort(() => done());
        await finished;
        clearInterval(ping);
        this.listeners.delete(listener);
      });
    });
    return app.fetch(request, this.env);
  }
}
