import { DurableObject } from "cloudflare:workers";
import { and, asc, eq, gt } from "drizzle-orm";
import { Hono } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import { database, generations, jobEvents, jobs, tracks, type Job, type JobEvent, type JobStatus } from "../../db";
import { partialSettleStatements, settleStatements } from "../credits";
import { log, recordFinishedJob, watchSecrets } from "../observability";
import { send } from "../queues/messages";
import { failoverPicker, INSTRUMENTAL_ENGINES, loadRoutingConfig, markProbing, MAX_ENGINE_ERRORS, stallSeconds } from "../routing";
import { isTerminal, nextAlarm, transition, type Effect, type JobInput, type Memo, type Outcome, type Settings } from "./machine";
import { config as workerConfig } from "../config";

export interface ApplyResult {
  applied: boolean;
  status: JobStatus | null;
  reason?: string;
}

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

const eventJson = (e: Pick<JobEvent, "seq" | "type" | "status" | "data" | "createdAt">) =>
  JSON.stringify({ seq: e.seq, type: e.type, status: e.status, data: e.data ?? {}, at: new Date(e.createdAt).toISOString() });

/**
 * The job's Durable Object is the only writer of a job's state. It loads the job, asks the pure machine
 * (`transition`) what an input does, and applies the answer: one D1 batch (job row, event log, generation,
 * tracks, credits), its own memo and alarm, the SSE event, then the effects (queue messages, provider cancels).
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

  /** Idempotent: sends a QUEUED job to its first step, or lets the machine look at it (deadline, stall). The cron sweep calls it again for stragglers. */
  async start(jobId: string): Promise<ApplyResult> {
    await this.ctx.storage.put("jobId", jobId);
    return this.run(jobId, (job) => (job.status === "QUEUED" && Date.now() < job.deadlineAt ? { type: "lyrics_started" } : { type: "tick" }));
  }

  apply(jobId: string, input: JobInput): Promise<ApplyResult> {
    return this.run(jobId, () => input);
  }

  async hint(jobId: string): Promise<void> {
    await this.run(jobId, () => ({ type: "hint" }));
  }

  override async alarm(): Promise<void> {
    const jobId = await this.ctx.storage.get<string>("jobId");
    if (jobId) await this.run(jobId, () => ({ type: "tick" }));
  }

  private run(jobId: string, inputFor: (job: Job) => JobInput): Promise<ApplyResult> {
    return this.serially(async () => {
      const job = await this.load(jobId);
      if (!job) return { applied: false, status: null, reason: "unknown job" };
      const input = inputFor(job);
      const [generation, config, nextEngine, memo] = await Promise.all([
        this.db.select({ vocal: generations.vocal }).from(generations).where(eq(generations.jobId, jobId)).get(),
        loadRoutingConfig(this.env, this.db),
        failoverPicker(this.env, this.db),
        this.ctx.storage.get<Memo>("memo"),
      ]);
      const vars = workerConfig(this.env);
      const settings: Settings = {
        now: Date.now(),
        deadlineSeconds: vars.JOB_DEADLINE_SECONDS,
        approvalHours: vars.LYRICS_APPROVAL_HOURS,
        pollInitialSeconds: vars.POLL_INITIAL_SECONDS,
        pollMaxSeconds: vars.POLL_MAX_SECONDS,
        stallSeconds: (engine) => stallSeconds(config, engine),
        maxEngineErrors: MAX_ENGINE_ERRORS,
        nextEngine,
        instrumentalCredits: vars.CREDITS_PER_INSTRUMENTAL,
        instrumentalEngines: INSTRUMENTAL_ENGINES,
      };
      const outcome = transition({ job, vocal: generation?.vocal ?? "female", memo: memo ?? {} }, input, settings);
      if (input.type === "failed" && input.message) log("warn", "engine failure", { jobId, provider: job.provider, error: input.message, code: input.code });
      const next = outcome.event ? await this.commit(job, input, outcome, settings.now) : job;
      await this.ctx.storage.put("memo", outcome.memo);
      const alarmAt = nextAlarm(next, outcome.memo, stallSeconds(config, next.provider ?? ""));
      if (alarmAt === null) await this.ctx.storage.deleteAlarm();
      else await this.ctx.storage.setAlarm(alarmAt);
      for (const effect of outcome.effects) await this.perform(job.id, effect);
      return { applied: outcome.applied, status: next.status, ...(outcome.reason ? { reason: outcome.reason } : {}) };
    });
  }

  private async commit(job: Job, input: JobInput, outcome: Outcome, now: number): Promise<Job> {
    const db = this.db;
    const event = { jobId: job.id, seq: job.lastSeq + 1, ...outcome.event!, createdAt: now };
    const update: Partial<Job> = { ...outcome.patch?.job, updatedAt: now, lastSeq: event.seq };
    const writes = [];
    const generation = outcome.patch?.generation;
    if (generation) writes.push(db.update(generations).set({ ...generation, updatedAt: now }).where(eq(generations.jobId, job.id)));
    const delivered = outcome.patch?.tracks ?? [];
    if (delivered.length)
      writes.push(
        db.insert(tracks).values(delivered.map(({ timings: _timings, ...t }) => ({ ...t, jobId: job.id, userId: job.userId, provider: t.provider ?? job.provider ?? "unknown", createdAt: now }))),
        db.update(generations).set({ timings: Object.fromEntries(delivered.map((t) => [t.id, t.timings])), updatedAt: now }).where(eq(generations.jobId, job.id)),
      );
    const settle = outcome.settle;
    if (settle) {
      if (settle.capture > 0 && settle.release > 0)
        writes.push(...partialSettleStatements(db, job.userId, job.id, job.credits, settle.capture, settle.reason, { kind: "price_difference", text: `difference refunded: ${settle.reason.text}` }));
      else if (settle.reason.kind === "delivered") writes.push(...settleStatements(db, job.userId, job.id, job.credits, "capture", settle.reason));
      else writes.push(...settleStatements(db, job.userId, job.id, job.credits, "release", settle.reason));
    }
    await db.batch([
      // lastSeq in the condition: if anything else ever wrote this job meanwhile, the event's unique (job, seq) fails the batch.
      db.update(jobs).set(update).where(and(eq(jobs.id, job.id), eq(jobs.lastSeq, job.lastSeq))),
      db.insert(jobEvents).values(event),
      ...writes,
    ]);
    const next: Job = { ...job, ...update };
    log(next.status === "FAILED" || next.status === "TIMED_OUT" ? "warn" : "info", "job transition", {
      jobId: job.id,
      user: job.userId,
      provider: next.provider,
      event: event.type,
      input: input.type,
      from: job.status,
      to: next.status,
      seq: event.seq,
      ...(next.errorCode && isTerminal(next.status) ? { error: next.errorCode } : {}),
      ...(settle ? { captured: settle.capture, released: settle.release, credits: job.credits, durationMs: now - job.createdAt } : {}),
    });
    this.broadcast(event, isTerminal(next.status));
    if (settle) await recordFinishedJob(this.env, db, next, now);
    return next;
  }

  private async perform(jobId: string, effect: Effect): Promise<void> {
    if (effect.type === "send") await send(this.env, effect.message);
    else if (effect.type === "cancel_task") await send(this.env, { role: "music", op: "cancel", jobId, provider: effect.engine, taskId: effect.taskId });
    else await markProbing(this.db, effect.engine);
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
