import { DurableObject } from "cloudflare:workers";
import { and, eq, lte } from "drizzle-orm";
import { Hono } from "hono";
import { type SSEStreamingApi, streamSSE } from "hono/streaming";
import {
  database,
  type Generation,
  generations,
  insertGroups,
  type Job,
  type JobStatus,
  jobLogs,
  jobs,
  type LoggedEvent,
  providerCalls,
  tracks,
  users,
  type Vocal,
} from "../../db";
import type { Language } from "../../domain/values";
import type { RoutingConfig } from "../../providers";
import { config as workerConfig } from "../config";
import { partialSettleStatements, settleStatements } from "../credits";
import { type OrderNotice, orderMail, sendMail } from "../mail";
import { log, makingMs, recordFinishedJob, watchSecrets } from "../observability";
import { send } from "../queues/messages";
import {
  failoverPicker,
  INSTRUMENTAL_ENGINES,
  loadRoutingConfig,
  MAX_ENGINE_ERRORS,
  markProbing,
  stallSeconds,
} from "../routing";
import {
  type Effect,
  isActive,
  isTerminal,
  type JobInput,
  type Memo,
  nextAlarm,
  type Outcome,
  type Settings,
  transition,
} from "./machine";

export interface ApplyResult {
  applied: boolean;
  status: JobStatus | null;
  reason?: string;
}

type Event = LoggedEvent;
export type CallRow = Omit<typeof providerCalls.$inferSelect, "id">;
export interface RunningJob {
  events: Event[];
  calls: CallRow[];
}

/** Where the person who ordered is written to about the order, and in which language. */
export interface Notify {
  email: string;
  language: Language;
}

/** What order creation already knows, handed over so the object's first run reads nothing back from D1. */
export interface JobSeed {
  job: Job;
  vocal: Vocal;
  style: string | null;
  routing: RoutingConfig;
  notify: Notify | null;
}

/** The object's copy of its job: the row as it is now. */
interface Held {
  job: Job;
  vocal: Vocal;
  style: string | null;
  routing: RoutingConfig;
  routingAt: number;
  /** Generation fields nothing reads before the job ends: written with the next generation write, or the last batch. */
  generationLater: Partial<Generation>;
  /** Absent from what objects held before orders were emailed about. */
  notify?: Notify | null;
}

/** The changes a person who has left the order's page is told of by email. */
function noticeOf(from: JobStatus, to: JobStatus): OrderNotice | null {
  if (from === to) return null;
  if (to === "LYRICS_READY") return "lyrics";
  if (to === "SUCCEEDED") return "ready";
  return to === "FAILED" || to === "TIMED_OUT" ? "stopped" : null;
}

const LATER: readonly (keyof Generation)[] = ["provider", "providerTaskId", "model"];

// Operators' routing changes (stall limits) reach running jobs within this long.
const ROUTING_TTL_MS = 60_000;
// Engine checks that changed nothing, kept for the console while the job runs.
const QUIET_CALLS_KEPT = 50;

/** Writes are chained so events keep their order and the stream closes only after the last one is out. */
class Listener {
  private written: Promise<unknown> = Promise.resolve();
  constructor(
    private readonly stream: SSEStreamingApi,
    readonly done: () => void,
  ) {}
  send(event: Event): void {
    this.written = this.written
      .then(() => this.stream.writeSSE({ id: String(event.seq), event: event.type, data: eventJson(event) }))
      .catch(() => this.done());
  }
  end(): void {
    void this.written.then(this.done, this.done);
  }
}

const eventJson = (e: Event) =>
  JSON.stringify({
    seq: e.seq,
    type: e.type,
    status: e.status,
    data: e.data ?? {},
    at: new Date(e.createdAt).toISOString(),
  });

const queuedEvent = (job: Job): Event => ({
  seq: 1,
  type: "queued",
  status: "QUEUED",
  data: { credits: job.credits },
  createdAt: job.createdAt,
});

/**
 * The job's Durable Object is the only writer of a job's state. It keeps its job (row, event log, the
 * engine checks that changed nothing) in its own storage while the job runs, asks the pure machine
 * (`transition`) what an input does, and applies the answer: a change of the job goes to D1 in one batch
 * (job row, generation, tracks, credits); an input that changes nothing (progress, back-pressure, a retry,
 * a stale message) stays here, and a check that repeats the last one is no event at all. The event log and
 * the engine calls that answered reach D1 in the terminal batch, as one row of job_logs (one row written,
 * where a row per event and per call cost about 40 with their indexes); until then the object serves them
 * (SSE, the console).
 */
export class JobObject extends DurableObject<Env> {
  private readonly db = database(this.env.DB);
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<Listener>();
  private held: Held | null = null;

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

  /** The job as this object holds it; from D1 only the first time (or after its storage was cleared). */
  private async hold(jobId: string): Promise<Held | null> {
    if (this.held?.job.id === jobId) return this.held;
    const stored = await this.ctx.storage.get<Held>("held");
    if (stored?.job.id === jobId) return (this.held = stored);
    const [[job], [generation]] = await this.db.batch([
      this.db.select().from(jobs).where(eq(jobs.id, jobId)),
      this.db
        .select({
          vocal: generations.vocal,
          styleTags: generations.styleTags,
          language: generations.language,
          email: users.email,
          orderEmails: users.orderEmails,
        })
        .from(generations)
        .innerJoin(jobs, eq(jobs.id, generations.jobId))
        .innerJoin(users, eq(users.id, jobs.userId))
        .where(eq(generations.jobId, jobId)),
    ]);
    if (!job) return null;
    const held: Held = {
      job,
      vocal: generation?.vocal ?? "female",
      style: (generation?.styleTags as string[] | undefined)?.[0] ?? null,
      routing: await loadRoutingConfig(this.env, this.db),
      routingAt: Date.now(),
      generationLater: {},
      // The page's language went with the order's hand-over; from D1 alone, the song's.
      notify:
        generation?.email && generation.orderEmails ? { email: generation.email, language: generation.language } : null,
    };
    // A finished job leaves nothing in storage. One accepted while its object was unreachable has its first event nowhere yet.
    if (isActive(job.status))
      await this.ctx.storage.put({ jobId, held, ...(job.lastSeq === 1 ? { events: [queuedEvent(job)] } : {}) });
    return (this.held = held);
  }

  private async events(): Promise<Event[]> {
    return (await this.ctx.storage.get<Event[]>("events")) ?? [];
  }

  /** Idempotent: sends a QUEUED job to its first step, or lets the machine look at it (deadline, stall). The cron sweep calls it again for stragglers. */
  async start(jobId: string, seed?: JobSeed): Promise<ApplyResult> {
    if (seed && !(await this.ctx.storage.get<Held>("held"))) {
      const held: Held = {
        job: seed.job,
        vocal: seed.vocal,
        style: seed.style,
        routing: seed.routing,
        routingAt: Date.now(),
        generationLater: {},
        notify: seed.notify,
      };
      await this.ctx.storage.put({ jobId, held, events: [queuedEvent(seed.job)] });
      this.held = held;
    } else await this.ctx.storage.put("jobId", jobId);
    return this.run(jobId, (job) =>
      job.status === "QUEUED" && Date.now() < job.deadlineAt ? { type: "lyrics_started" } : { type: "tick" },
    );
  }

  apply(jobId: string, input: JobInput): Promise<ApplyResult> {
    return this.run(jobId, () => input);
  }

  async hint(jobId: string): Promise<void> {
    await this.run(jobId, () => ({ type: "hint" }));
  }

  /** The job as it is now, for the queue steps: this object's copy is never behind D1's row. */
  job(jobId: string): Promise<Job | null> {
    return this.serially(async () => (await this.hold(jobId))?.job ?? null);
  }

  /**
   * An engine call that answered. A status check that leads to no change of the job (the engine still
   * working, as it was at the last check) stays here, for the console, until the job ends; every other
   * call reaches D1 in the job's log, with its last batch. Failed calls never come here: they are rows of
   * provider_calls at once, where the alerts count them.
   */
  noteCall(jobId: string, call: CallRow): Promise<void> {
    return this.serially(async () => {
      const held = await this.hold(jobId);
      if (!held) return;
      if (isTerminal(held.job.status)) {
        await this.db.insert(providerCalls).values(call);
        return;
      }
      const pending = (await this.ctx.storage.get<CallRow[]>("pendingCalls")) ?? [];
      await this.ctx.storage.put("pendingCalls", [...pending, call]);
    });
  }

  /** What the object holds of a running job for the console: its events so far and the engine checks that changed nothing. */
  running(): Promise<RunningJob> {
    return this.serially(async () => {
      const calls = await Promise.all(
        ["calls", "quietCalls", "pendingCalls"].map((key) => this.ctx.storage.get<CallRow[]>(key)),
      );
      return { events: await this.events(), calls: calls.flatMap((c) => c ?? []) };
    });
  }

  override async alarm(): Promise<void> {
    const jobId = await this.ctx.storage.get<string>("jobId");
    if (jobId) await this.run(jobId, () => ({ type: "tick" }));
  }

  private run(jobId: string, inputFor: (job: Job) => JobInput): Promise<ApplyResult> {
    return this.serially(async () => {
      const held = await this.hold(jobId);
      if (!held) return { applied: false, status: null, reason: "unknown job" };
      const now = Date.now();
      if (now - held.routingAt > ROUTING_TTL_MS)
        Object.assign(held, { routing: await loadRoutingConfig(this.env, this.db), routingAt: now });
      const { job, routing } = held;
      const input = inputFor(job);
      const memo = (await this.ctx.storage.get<Memo>("memo")) ?? {};
      const vars = workerConfig(this.env);
      const settings = (nextEngine: Settings["nextEngine"]): Settings => ({
        now,
        deadlineSeconds: vars.JOB_DEADLINE_SECONDS,
        approvalHours: vars.LYRICS_APPROVAL_HOURS,
        pollInitialSeconds: vars.POLL_INITIAL_SECONDS,
        pollMaxSeconds: vars.POLL_MAX_SECONDS,
        stallSeconds: (engine) => stallSeconds(routing, engine),
        maxEngineErrors: MAX_ENGINE_ERRORS,
        nextEngine,
        instrumentalCredits: vars.CREDITS_PER_INSTRUMENTAL,
        instrumentalEngines: INSTRUMENTAL_ENGINES,
      });
      const state = { job, vocal: held.vocal, memo };
      // The machine is pure: asked first without the circuits, it is asked again with them only when it
      // wants the next engine (a failure), so a job that goes well never reads every engine's health.
      let wanted = false;
      let outcome = transition(
        state,
        input,
        settings(() => ((wanted = true), null)),
      );
      if (wanted) outcome = transition(state, input, settings(await failoverPicker(this.env, this.db)));
      if (input.type === "failed" && input.message)
        log("warn", "engine failure", { jobId, provider: job.provider, error: input.message, code: input.code });
      // Whoever follows the order's page sees the change there; an email is for a person who has left it.
      const away = this.listeners.size === 0;
      let next: Job;
      try {
        // A change is kept with its memo in one write; an input that makes no event writes the memo alone.
        next = outcome.event ? await this.commit(held, input, outcome, now) : job;
      } catch (err) {
        // An earlier run of this object may have written the job's end and been killed before it cleared its
        // storage: D1 then refuses every later batch (the takes, the settle key, a finished row), and retrying
        // would only repeat the refusal until the deadline. The end in D1 is the job's; nothing of this outcome follows.
        const end = await this.endInD1(job.id).catch(() => null);
        if (!end) throw err;
        await this.takeEnd(held, end, input, err);
        return { applied: false, status: end.status, reason: "the job had already ended" };
      }
      if (isTerminal(next.status)) await this.forget();
      else {
        if (!outcome.event) await this.ctx.storage.put("memo", outcome.memo);
        const alarmAt = nextAlarm(next, outcome.memo, stallSeconds(routing, next.provider ?? ""));
        if (alarmAt === null) await this.ctx.storage.deleteAlarm();
        else await this.ctx.storage.setAlarm(alarmAt);
      }
      for (const effect of outcome.effects) await this.perform(job.id, effect);
      const notice = noticeOf(job.status, next.status);
      if (notice && away && held.notify) await this.tell(held.notify, notice, next, outcome.settle?.release ?? 0);
      return { applied: outcome.applied, status: next.status, ...(outcome.reason ? { reason: outcome.reason } : {}) };
    });
  }

  /** An email that cannot be sent changes nothing about the order: the page says the same. */
  private async tell(notify: Notify, notice: OrderNotice, job: Job, refunded: number): Promise<void> {
    try {
      await sendMail(
        this.env,
        await orderMail({
          notice,
          to: notify.email,
          language: notify.language,
          jobId: job.id,
          title: job.title,
          refunded,
          deadlineAt: job.deadlineAt,
          publicUrl: workerConfig(this.env).PUBLIC_URL,
        }),
      );
    } catch (err) {
      log("warn", "order email not sent", { jobId: job.id, user: job.userId, notice, error: err });
    }
  }

  /** Everything the object held is in D1 now: nothing stays behind, personal data included. */
  private async forget(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  private async endInD1(jobId: string): Promise<Job | null> {
    const row = await this.db.select().from(jobs).where(eq(jobs.id, jobId)).get();
    return row && isTerminal(row.status) ? row : null;
  }

  /**
   * Takes the end an earlier run wrote: its listeners get the events they missed (the log went to D1 with the
   * end) and the stream closes; the engine calls that answered since, kept here, become rows like any call on a
   * finished job; the storage and the alarm go.
   */
  private async takeEnd(held: Held, end: Job, input: JobInput, err: unknown): Promise<void> {
    log("warn", "job already ended in D1", {
      jobId: end.id,
      input: input.type,
      from: held.job.status,
      to: end.status,
      error: err,
    });
    const [events, pending, logged] = await Promise.all([
      this.events(),
      this.ctx.storage.get<CallRow[]>("pendingCalls"),
      end.finishedAt === null
        ? undefined
        : this.db
            .select({ events: jobLogs.events })
            .from(jobLogs)
            .where(and(eq(jobLogs.finishedAt, end.finishedAt), eq(jobLogs.jobId, end.id)))
            .get(),
    ]);
    const seen = events.at(-1)?.seq ?? 0;
    for (const event of logged?.events ?? []) if (event.seq > seen) this.broadcast(event, false);
    for (const listener of this.listeners) listener.end();
    for (const group of insertGroups(providerCalls, pending ?? [])) await this.db.insert(providerCalls).values(group);
    this.held = { ...held, job: end };
    await this.forget();
  }

  private async commit(held: Held, input: JobInput, outcome: Outcome, now: number): Promise<Job> {
    const db = this.db;
    const { job } = held;
    const event: Event = { seq: job.lastSeq + 1, ...outcome.event!, createdAt: now };
    const patch = outcome.patch?.job ?? {};
    const delivered = outcome.patch?.tracks ?? [];
    const settle = outcome.settle;
    const next: Job = { ...job, ...patch, updatedAt: now, lastSeq: event.seq };
    const terminal = isTerminal(next.status);
    const [events, pending, calls, quiet] = await Promise.all([
      this.events(),
      this.ctx.storage.get<CallRow[]>("pendingCalls"),
      this.ctx.storage.get<CallRow[]>("calls"),
      this.ctx.storage.get<CallRow[]>("quietCalls"),
    ]);
    const last = events.at(-1);
    if (
      event.type === "progress" &&
      last?.type === "progress" &&
      JSON.stringify(last.data) === JSON.stringify(event.data)
    ) {
      // A check that says what the last one said is no event: no sequence number, nothing to send or keep but the call.
      await this.ctx.storage.put({
        quietCalls: [...(quiet ?? []), ...(pending ?? [])].slice(-QUIET_CALLS_KEPT),
        pendingCalls: [],
        memo: outcome.memo,
      });
      return job;
    }
    events.push(event);
    let costCents: number | undefined;
    const generationNow: Partial<Generation> = {};
    const generationLater: Partial<Generation> = { ...held.generationLater };
    for (const [key, value] of Object.entries(outcome.patch?.generation ?? {}))
      Object.assign(LATER.includes(key as keyof Generation) ? generationLater : generationNow, { [key]: value });
    const changes =
      Object.keys(patch).length > 0 ||
      Object.keys(generationNow).length > 0 ||
      Object.keys(generationLater).length > Object.keys(held.generationLater).length ||
      delivered.length > 0 ||
      settle;

    if (!changes) {
      const checks = (pending ?? []).filter((c) => c.operation === "getStatus");
      const unchanged = [...(quiet ?? []), ...checks].slice(-QUIET_CALLS_KEPT);
      const kept: Held = { ...held, job: next };
      await this.ctx.storage.put({
        held: kept,
        events,
        quietCalls: unchanged,
        calls: [...(calls ?? []), ...(pending ?? []).filter((c) => !checks.includes(c))],
        pendingCalls: [],
        memo: outcome.memo,
      });
      this.held = kept;
    } else {
      const made = [...(calls ?? []), ...(pending ?? [])];
      const writes = [];
      const generation = {
        ...(Object.keys(generationNow).length || delivered.length || terminal ? generationLater : {}),
        ...generationNow,
      };
      if (delivered.length) {
        const rows = delivered.map(({ timings: _timings, ...t }) => ({
          ...t,
          jobId: job.id,
          userId: job.userId,
          provider: t.provider ?? job.provider ?? "unknown",
          createdAt: now,
        }));
        for (const group of insertGroups(tracks, rows)) writes.push(db.insert(tracks).values(group));
        generation.timings = Object.fromEntries(delivered.map((t) => [t.id, t.timings]));
      }
      if (Object.keys(generation).length)
        writes.push(
          db
            .update(generations)
            .set({ ...generation, updatedAt: now })
            .where(eq(generations.jobId, job.id)),
        );
      if (settle) {
        if (settle.capture > 0 && settle.release > 0)
          writes.push(
            ...partialSettleStatements(db, job.userId, job.id, job.credits, settle.capture, settle.reason, {
              kind: "price_difference",
              text: `difference refunded: ${settle.reason.text}`,
            }),
          );
        else if (settle.reason.kind === "delivered")
          writes.push(...settleStatements(db, job.userId, job.id, job.credits, "capture", settle.reason));
        else writes.push(...settleStatements(db, job.userId, job.id, job.credits, "release", settle.reason));
      }
      if (terminal)
        // The log and the calls that answered go to D1 once, as one row, when the job ends.
        writes.push(
          db
            .insert(jobLogs)
            .values({
              finishedAt: next.finishedAt ?? now,
              jobId: job.id,
              events,
              calls: made.map(({ jobId: _jobId, ...call }) => call),
            })
            .onConflictDoNothing(),
        );
      await db.batch([
        // Once the job runs, only its object writes its row, and its sequence only grows: the row takes this event
        // unless it already holds a later one. A batch that landed just before workerd died, which the object's
        // storage never recorded, is then overwritten by the object's next event, not a reason to miss every later one.
        db
          .update(jobs)
          .set({ ...patch, updatedAt: now, lastSeq: event.seq })
          .where(and(eq(jobs.id, job.id), lte(jobs.lastSeq, event.seq))),
        ...writes,
      ]);
      const kept: Held = {
        ...held,
        job: next,
        generationLater: Object.keys(generation).length ? {} : generationLater,
      };
      if (!terminal)
        await this.ctx.storage.put({ held: kept, events, calls: made, pendingCalls: [], memo: outcome.memo });
      this.held = kept;
      if (settle) {
        costCents = made.reduce((sum, c) => sum + (c.costCents ?? 0), 0);
        recordFinishedJob(this.env, next, now, { costCents, style: held.style });
      }
    }
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
      ...(settle
        ? {
            captured: settle.capture,
            released: settle.release,
            credits: job.credits,
            costCents,
            durationMs: makingMs(job, now),
          }
        : {}),
    });
    this.broadcast(event, terminal);
    return next;
  }

  private async perform(jobId: string, effect: Effect): Promise<void> {
    if (effect.type === "send") await send(this.env, effect.message);
    else if (effect.type === "cancel_task")
      await send(this.env, { role: "music", op: "cancel", jobId, provider: effect.engine, taskId: effect.taskId });
    else await markProbing(this.db, effect.engine);
  }

  private broadcast(event: Event, last: boolean): void {
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
          const held = await this.hold(jobId);
          const here = (await this.events()).filter((e) => e.seq > after);
          // A running job's log is here from its first event; a finished one's is its row of job_logs.
          const logged =
            here[0]?.seq === after + 1 || !held?.job.finishedAt
              ? []
              : (
                  (
                    await this.db
                      .select({ events: jobLogs.events })
                      .from(jobLogs)
                      .where(and(eq(jobLogs.finishedAt, held.job.finishedAt), eq(jobLogs.jobId, jobId)))
                      .get()
                  )?.events ?? []
                ).filter((e) => e.seq > after);
          const seen = new Set(logged.map((e) => e.seq));
          for (const event of [...logged, ...here.filter((e) => !seen.has(e.seq))]) listener.send(event);
          if (!held || isTerminal(held.job.status)) listener.end();
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
