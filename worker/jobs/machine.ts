import {
  activeStatuses,
  type Generation,
  type Job,
  type JobStatus,
  type TerminalStatus,
  type Track,
  terminalStatuses,
  type Vocal,
} from "../../db";
import { type FailureClass, type FailureCode, failureClassOf } from "../../domain/failures";
import type { LineTiming, Lyrics, ProviderErrorKind, Take } from "../../providers";
import type { QueueMessage } from "../queues/messages";

/**
 * A stored take, as the delivery step hands it to the job: a track row without what the job fills in,
 * plus the line timings (kept with the generation) and the take's own engine when it has one.
 */
export type DeliveredTrack = Omit<Track, "jobId" | "userId" | "createdAt" | "provider" | "shareToken"> & {
  timings: LineTiming[] | null;
  provider?: string;
};

/** Which engine attempt an input is about: the engine, the job's attempt number (1 for the first engine), its task. */
export interface Provenance {
  engine: string;
  attempt: number;
  taskId?: string;
}

/** Everything that can happen to a job. Only the job's Durable Object applies them, through `transition`. */
export type JobInput =
  | { type: "lyrics_started" }
  /** Lyrics written; an order that asked to approve them waits for the person. */
  | { type: "lyrics_written"; lyrics: Lyrics; source: string }
  | { type: "lyrics_edited"; lyrics: Lyrics }
  | { type: "redraft" }
  | { type: "lyrics_approved" }
  | { type: "submitted"; from: Provenance; taskId: string }
  | { type: "progress"; from: Provenance; progress?: number; stage?: string }
  | { type: "music_ready"; from: Provenance }
  | { type: "takes_ready"; from?: Provenance; takes: Take[]; model?: string }
  | { type: "delivered"; from?: Provenance; tracks: DeliveredTrack[] }
  /** Back-pressure: the engine asks to be called again later. Never a failure. */
  | { type: "busy"; from: Provenance; retryAfterSeconds?: number }
  /** A call to the engine failed in a way another try may not (outage, maintenance, garbage). */
  | { type: "engine_error"; from: Provenance; code: FailureCode }
  /** Given up on: `message` and `errorKind` are for the logs only. */
  | { type: "failed"; from?: Provenance; code: FailureCode; message?: string; errorKind?: ProviderErrorKind }
  | { type: "cancel" }
  /** A callback arrived: it proves nothing by itself, so the task's real status is checked now. */
  | { type: "hint" }
  /** The object's alarm: the deadline, a stalled engine, a check that is due. */
  | { type: "tick" };
export type InputType = JobInput["type"];

export const isTerminal = (status: JobStatus): status is TerminalStatus =>
  (terminalStatuses as readonly JobStatus[]).includes(status);
export const isActive = (status: JobStatus) => !isTerminal(status);

const music = ["GENERATING_MUSIC", "POSTPROCESSING", "DELIVERING"] as const satisfies readonly JobStatus[];
/** The states a job leaves when a queue step answers, not an engine. */
const stepStatuses: readonly JobStatus[] = ["WRITING_LYRICS", "POSTPROCESSING", "DELIVERING"];

/** The states that accept each input; any other state leaves the job as it is. */
export const accepts: Record<InputType, readonly JobStatus[]> = {
  lyrics_started: ["QUEUED"],
  lyrics_written: ["QUEUED", "WRITING_LYRICS"],
  lyrics_edited: ["LYRICS_READY"],
  redraft: ["LYRICS_READY"],
  lyrics_approved: ["LYRICS_READY"],
  submitted: ["GENERATING_MUSIC"],
  progress: ["GENERATING_MUSIC"],
  music_ready: ["GENERATING_MUSIC"],
  takes_ready: ["POSTPROCESSING"],
  delivered: ["DELIVERING"],
  busy: ["GENERATING_MUSIC"],
  engine_error: ["GENERATING_MUSIC"],
  failed: activeStatuses,
  cancel: activeStatuses,
  hint: ["GENERATING_MUSIC"],
  tick: activeStatuses,
};

/** What the object keeps between inputs, beside the job row: its next check and how the engine has been doing. */
export interface Memo {
  /** When the next check of the engine (or a new create) is due. */
  pollAt?: number;
  pollAttempt?: number;
  /** The last time the engine showed progress, and what it showed. */
  progressAt?: number;
  progressKey?: string;
  /** Failed calls to the current engine in a row. */
  engineErrors?: number;
  /** The lyrics, post-processing or delivery step the job waits for, and when to send it again. */
  step?: QueueMessage;
  stepAt?: number;
  stepWait?: number;
}

/**
 * How long a job may wait on a lyrics, post-processing or delivery step before it is sent again: a message
 * lost on the way (a crash between the send and the queue keeping it, a local queue dying with workerd) would
 * otherwise hold the order until its deadline. Each wait doubles; a step that was only slow answers twice,
 * and the second answer no longer applies.
 */
export const STEP_RESEND_MS = 60_000;

const waitingOn = (now: number, message: QueueMessage): Pick<Memo, "step" | "stepAt" | "stepWait"> => ({
  step: message,
  stepAt: now + STEP_RESEND_MS,
  stepWait: STEP_RESEND_MS,
});

export interface Settings {
  now: number;
  deadlineSeconds: number;
  approvalHours: number;
  pollInitialSeconds: number;
  pollMaxSeconds: number;
  /** How long an engine may show no progress before the order leaves it. */
  stallSeconds: (engine: string) => number;
  /** Failed calls in a row after which the order leaves an engine (maintenance, outage). */
  maxEngineErrors: number;
  /** The next engine of the job's chain that can take work now, if any. */
  nextEngine: (chain: readonly string[]) => string | null;
  /** What an instrumental song costs, and the engines that only make instrumentals. */
  instrumentalCredits: number;
  instrumentalEngines: readonly string[];
}

export interface MachineState {
  job: Job;
  vocal: Vocal;
  memo: Memo;
}

export type Effect =
  | { type: "send"; message: QueueMessage }
  /** An engine left behind may still be working on the order: stop it, best effort. */
  | { type: "cancel_task"; engine: string; taskId: string }
  /** The order now goes to this engine: if its circuit was open, this is its probe. */
  | { type: "probe"; engine: string };

export interface Settlement {
  /** Credits taken for what was delivered, and credits given back, in one settlement. */
  capture: number;
  release: number;
  /** Why, for the ledger (people see the kind in their language). */
  reason: { kind: "delivered" | "refund"; text: string };
}

export interface Outcome {
  /** The job moved (or changed); false for inputs that were only recorded, or did not apply. */
  applied: boolean;
  reason?: string;
  /** The job row's changes (the object adds its sequence and time), and the generation's and tracks' writes. */
  patch: { job: Partial<Job>; generation?: Partial<Generation>; tracks?: DeliveredTrack[] } | null;
  event: { type: string; status: JobStatus; data: Record<string, unknown> } | null;
  settle: Settlement | null;
  effects: Effect[];
  memo: Memo;
}

/** Provenance of the attempt the job is on now. */
export const currentAttempt = (job: Job): Provenance => ({
  engine: job.provider ?? "",
  attempt: job.providersTried.length,
  ...(job.providerTaskId ? { taskId: job.providerTaskId } : {}),
});

/** Whether `from` is the attempt the job is on (a task id, when given, must be its task). */
export const isCurrentAttempt = (job: Job, from: Provenance) =>
  from.engine === job.provider &&
  from.attempt === job.providersTried.length &&
  (from.taskId === undefined || from.taskId === job.providerTaskId);

function staleness(job: Job, from: Provenance | undefined, input: JobInput): string | null {
  if (!from) return null;
  if (from.engine !== job.provider || from.attempt !== job.providersTried.length)
    return `about ${from.engine} attempt ${from.attempt}, not the current one`;
  // A second create of the same attempt (a re-delivered message) must not replace the task being followed.
  if (input.type === "submitted") return job.providerTaskId ? "a task is already submitted for this attempt" : null;
  if (from.taskId !== undefined && from.taskId !== job.providerTaskId)
    return `about task ${from.taskId}, not the current one`;
  return null;
}

const fromOf = (input: JobInput): Provenance | undefined => ("from" in input ? input.from : undefined);

const nothing = (memo: Memo, reason: string): Outcome => ({
  applied: false,
  reason,
  patch: null,
  event: null,
  settle: null,
  effects: [],
  memo,
});

function pollDelay(settings: Settings, attempt: number): number {
  return Math.min(settings.pollInitialSeconds * 2 ** attempt, settings.pollMaxSeconds) * 1000;
}

/** A create call may take this long (the adapters' own timeout is 20 s): only then is it sent again. */
const CREATE_GRACE_MS = 30_000;

/** The memo of an attempt that starts now: the create is on its way, the stall clock running. */
function freshAttempt(settings: Settings): Memo {
  return { pollAt: settings.now + CREATE_GRACE_MS, pollAttempt: 0, progressAt: settings.now, engineErrors: 0 };
}

function ended(
  state: MachineState,
  now: number,
  status: "FAILED" | "CANCELED" | "TIMED_OUT",
  code: FailureCode,
  type: string,
  detail?: string,
): Outcome {
  const { job } = state;
  const settle: Settlement = { capture: 0, release: job.credits, reason: { kind: "refund", text: `refund: ${code}` } };
  const effects: Effect[] =
    job.provider && job.providerTaskId && job.status === "GENERATING_MUSIC"
      ? [{ type: "cancel_task", engine: job.provider, taskId: job.providerTaskId }]
      : [];
  return {
    applied: true,
    // The engine's own words stay with operators (the console); people are shown the code's text.
    patch: { job: { status, errorCode: code, errorMessage: detail?.slice(0, 500) ?? null, finishedAt: now } },
    event: { type, status, data: { error: { code }, credits: { refunded: job.credits } } },
    settle,
    effects,
    memo: {},
  };
}

/** Leaves the current engine for `next`, with the same held credits. */
function failOver(state: MachineState, settings: Settings, next: string, code: FailureCode): Outcome {
  const { job } = state;
  const again = next === job.provider;
  const chain = job.providerChain;
  const attempt = job.providersTried.length + 1;
  const effects: Effect[] = [];
  if (job.provider && job.providerTaskId)
    effects.push({ type: "cancel_task", engine: job.provider, taskId: job.providerTaskId });
  effects.push(
    { type: "probe", engine: next },
    { type: "send", message: { role: "music", op: "create", jobId: job.id, provider: next, attempt } },
  );
  return {
    applied: true,
    patch: {
      job: {
        status: "GENERATING_MUSIC",
        provider: next,
        providerTaskId: null,
        providerChain: again ? chain : chain.slice(chain.indexOf(next) + 1),
        providersTried: [...job.providersTried, next],
        // The same engine making its lost render again is still the job's routing; another engine is a failover.
        ...(again ? {} : { arm: "failover" as const }),
      },
      generation: { provider: next, providerTaskId: null },
    },
    event: { type: "failover", status: "GENERATING_MUSIC", data: { failover: { from: job.provider, to: next, code } } },
    settle: null,
    effects,
    memo: freshAttempt(settings),
  };
}

/** An engine's failure: the next engine when the failure is the engine's, else the end of the order. */
function failure(
  state: MachineState,
  settings: Settings,
  code: FailureCode,
  detail?: string,
  cls: FailureClass = failureClassOf[code],
): Outcome {
  const { job } = state;
  const inMusic = (music as readonly JobStatus[]).includes(job.status);
  // A second engine forgetting the name too says the lyrics make it hard: the order stops there.
  const retryable =
    cls === "unavailable" || (cls === "invalid_result" && !(code === "name_missing" && job.providersTried.length > 1));
  // An engine that lost its render is up again (it restarted): it makes the song once more before another
  // engine (the fallback may be an instrumental) is asked.
  const lostOnce = code === "engine_interrupted" && job.providersTried.filter((e) => e === job.provider).length === 1;
  if (inMusic && lostOnce && job.provider) return failOver(state, settings, job.provider, code);
  const next = inMusic && retryable ? settings.nextEngine(job.providerChain) : null;
  if (next) return failOver(state, settings, next, code);
  return ended(state, settings.now, "FAILED", code, "failed", detail);
}

/** Starts the music on the job's engine, as its current attempt. */
function startMusic(job: Job, settings: Settings): { effects: Effect[]; memo: Memo } {
  const attempt = currentAttempt(job);
  return {
    effects: [
      {
        type: "send",
        message: { role: "music", op: "create", jobId: job.id, provider: attempt.engine, attempt: attempt.attempt },
      },
    ],
    memo: freshAttempt(settings),
  };
}

const stay = (
  state: MachineState,
  type: string,
  data: Record<string, unknown>,
  memo: Memo,
  effects: Effect[] = [],
  applied = true,
): Outcome => ({
  applied,
  patch: { job: {} },
  event: { type, status: state.job.status, data },
  settle: null,
  effects,
  memo,
});

/** The instrumental price when a sung order ends with only instrumental takes; the difference goes back. */
function priceOf(
  state: MachineState,
  settings: Settings,
  tracks: DeliveredTrack[],
): { charged: number; reason: string } {
  const { job, vocal } = state;
  const engines = tracks.map((t) => t.provider ?? job.provider ?? "");
  const voiceless =
    vocal !== "instrumental" && engines.length > 0 && engines.every((e) => settings.instrumentalEngines.includes(e));
  if (!voiceless) return { charged: job.credits, reason: "song delivered" };
  return {
    charged: Math.min(job.credits, settings.instrumentalCredits),
    reason: "instrumental delivered for a sung order",
  };
}

/**
 * The job state machine, whole: what an input does to a job in a given state, what it writes, what
 * it settles and what follows. Pure: the Durable Object loads the job, calls this and applies the result.
 */
export function transition(state: MachineState, input: JobInput, settings: Settings): Outcome {
  const { job, memo } = state;
  const now = settings.now;
  const from = fromOf(input);
  const active = isActive(job.status);
  const stale = active ? staleness(job, from, input) : null;
  if (stale) {
    // Recorded for operators; whatever it says, the job is about another attempt now.
    const effects: Effect[] =
      input.type === "submitted" && from ? [{ type: "cancel_task", engine: from.engine, taskId: input.taskId }] : [];
    return {
      ...stay(state, "ignored", { input: input.type, from, reason: stale }, memo, effects, false),
      reason: stale,
    };
  }
  if (!accepts[input.type].includes(job.status))
    return nothing(memo, `${input.type} does not apply to a ${job.status} job`);

  switch (input.type) {
    case "lyrics_started":
      return {
        applied: true,
        patch: { job: { status: "WRITING_LYRICS" } },
        event: { type: "lyrics_started", status: "WRITING_LYRICS", data: {} },
        settle: null,
        effects: [{ type: "send", message: { role: "lyrics", jobId: job.id } }],
        memo: { ...memo, ...waitingOn(now, { role: "lyrics", jobId: job.id }) },
      };

    case "lyrics_written": {
      const title = job.mode === "custom" ? job.title : input.lyrics.title;
      const generation = { lyrics: input.lyrics, lyricsSource: input.source };
      if (job.approveLyrics) {
        // Waiting for the person replaces the song's deadline with the approval window.
        const deadlineAt = now + settings.approvalHours * 3_600_000;
        return {
          applied: true,
          patch: { job: { status: "LYRICS_READY", title, drafts: job.drafts + 1, deadlineAt }, generation },
          event: {
            type: "lyrics_drafted",
            status: "LYRICS_READY",
            data: { lyrics: input.lyrics, draft: job.drafts + 1, expiresAt: new Date(deadlineAt).toISOString() },
          },
          settle: null,
          effects: [],
          memo: {},
        };
      }
      const started = startMusic(job, settings);
      return {
        applied: true,
        patch: { job: { status: "GENERATING_MUSIC", title, drafts: job.drafts + 1 }, generation },
        event: { type: "lyrics_written", status: "GENERATING_MUSIC", data: { lyrics: input.lyrics } },
        settle: null,
        ...started,
      };
    }

    case "lyrics_edited":
      return {
        applied: true,
        patch: {
          job: { title: job.mode === "custom" ? job.title : input.lyrics.title },
          generation: { lyrics: input.lyrics, lyricsSource: "user" },
        },
        event: { type: "lyrics_edited", status: job.status, data: { lyrics: input.lyrics } },
        settle: null,
        effects: [],
        memo,
      };

    case "redraft":
      return {
        applied: true,
        patch: { job: { status: "WRITING_LYRICS", deadlineAt: now + settings.deadlineSeconds * 1000 } },
        event: { type: "redraft", status: "WRITING_LYRICS", data: {} },
        settle: null,
        effects: [{ type: "send", message: { role: "lyrics", jobId: job.id } }],
        memo: waitingOn(now, { role: "lyrics", jobId: job.id }),
      };

    case "lyrics_approved": {
      const started = startMusic(job, settings);
      // The draft was shown when its approval window opened (the deadline then set); the wait since is the person's.
      const shownAt = job.deadlineAt - settings.approvalHours * 3_600_000;
      const waited = Math.min(Math.max(0, now - shownAt), now - job.createdAt);
      return {
        applied: true,
        patch: {
          job: {
            status: "GENERATING_MUSIC",
            deadlineAt: now + settings.deadlineSeconds * 1000,
            // A job's object may hold its row from before the column: no wait recorded yet.
            waitedMs: (job.waitedMs ?? 0) + waited,
          },
        },
        event: { type: "lyrics_approved", status: "GENERATING_MUSIC", data: {} },
        settle: null,
        ...started,
      };
    }

    case "submitted":
      return {
        applied: true,
        patch: {
          job: { providerTaskId: input.taskId },
          generation: { provider: input.from.engine, providerTaskId: input.taskId },
        },
        event: { type: "submitted", status: job.status, data: { provider: input.from.engine } },
        settle: null,
        effects: [],
        memo: { ...memo, pollAt: now + pollDelay(settings, 0), pollAttempt: 0, progressAt: now, engineErrors: 0 },
      };

    case "progress": {
      const key = `${input.progress ?? ""}:${input.stage ?? ""}`;
      const attempt = (memo.pollAttempt ?? 0) + 1;
      const moved = key !== memo.progressKey;
      const data: Record<string, unknown> = {};
      if (input.progress !== undefined) data.progress = input.progress;
      if (input.stage) data.stage = input.stage;
      return stay(state, "progress", data, {
        ...memo,
        pollAt: now + pollDelay(settings, attempt),
        pollAttempt: attempt,
        engineErrors: 0,
        progressKey: key,
        progressAt: moved ? now : (memo.progressAt ?? now),
      });
    }

    case "music_ready": {
      const message: QueueMessage = { role: "postprocess", jobId: job.id, from: currentAttempt(job) };
      return {
        applied: true,
        patch: { job: { status: "POSTPROCESSING" } },
        event: { type: "music_ready", status: "POSTPROCESSING", data: {} },
        settle: null,
        effects: [{ type: "send", message }],
        memo: waitingOn(now, message),
      };
    }

    case "takes_ready": {
      const message: QueueMessage = { role: "delivery", jobId: job.id, takes: input.takes, from: currentAttempt(job) };
      return {
        applied: true,
        patch: { job: { status: "DELIVERING" }, ...(input.model ? { generation: { model: input.model } } : {}) },
        event: { type: "takes_ready", status: "DELIVERING", data: { takes: input.takes.length } },
        settle: null,
        effects: [{ type: "send", message }],
        memo: waitingOn(now, message),
      };
    }

    case "delivered": {
      if (!input.tracks.length) return nothing(memo, "a delivery without takes delivers nothing");
      const price = priceOf(state, settings, input.tracks);
      const refunded = job.credits - price.charged;
      return {
        applied: true,
        patch: { job: { status: "SUCCEEDED", finishedAt: now }, tracks: input.tracks },
        event: {
          type: "delivered",
          status: "SUCCEEDED",
          data: {
            tracks: input.tracks.map((t) => t.id),
            credits: { debited: price.charged, ...(refunded ? { refunded } : {}) },
          },
        },
        settle: { capture: price.charged, release: refunded, reason: { kind: "delivered", text: price.reason } },
        effects: [],
        memo: {},
      };
    }

    case "busy": {
      const waitMs = Math.max(1, input.retryAfterSeconds ?? settings.pollInitialSeconds) * 1000;
      // Waiting makes sense only while the engine could still finish before the deadline.
      const fits = now + waitMs + settings.stallSeconds(job.provider ?? "") * 1000 <= job.deadlineAt;
      const next = fits ? null : settings.nextEngine(job.providerChain);
      if (next) return failOver(state, settings, next, "engine_unavailable");
      return stay(state, "busy", { retryInSeconds: waitMs / 1000 }, { ...memo, pollAt: now + waitMs });
    }

    case "engine_error": {
      const errors = (memo.engineErrors ?? 0) + 1;
      if (errors >= settings.maxEngineErrors) return failure(state, settings, input.code, undefined, "unavailable");
      return stay(
        state,
        "retry",
        { code: input.code, attempt: errors },
        { ...memo, engineErrors: errors, pollAt: now + pollDelay(settings, errors) },
      );
    }

    case "failed":
      return failure(state, settings, input.code, input.message);

    case "cancel":
      return ended(state, now, "CANCELED", "canceled", "cancel");

    case "hint": {
      const attempt = currentAttempt(job);
      if (!attempt.taskId) return nothing(memo, "no task to check yet");
      const message: QueueMessage = {
        role: "music",
        op: "poll",
        jobId: job.id,
        provider: attempt.engine,
        attempt: attempt.attempt,
        taskId: attempt.taskId,
      };
      return { ...nothing(memo, "check sent"), effects: [{ type: "send", message }] };
    }

    case "tick": {
      if (now >= job.deadlineAt)
        return ended(
          state,
          now,
          "TIMED_OUT",
          job.status === "LYRICS_READY" ? "lyrics_expired" : "timed_out",
          "deadline",
        );
      if (memo.step && memo.stepAt !== undefined && stepStatuses.includes(job.status)) {
        if (memo.stepAt > now) return nothing(memo, "nothing is due");
        const wait = 2 * (memo.stepWait ?? STEP_RESEND_MS);
        return {
          ...nothing({ ...memo, stepWait: wait, stepAt: now + wait }, `${memo.step.role} step sent again`),
          effects: [{ type: "send", message: memo.step }],
        };
      }
      if (job.status !== "GENERATING_MUSIC" || !job.provider) return nothing(memo, "nothing is due");
      const quietFor = now - (memo.progressAt ?? now);
      if (quietFor >= settings.stallSeconds(job.provider) * 1000) return failure(state, settings, "engine_stalled");
      if (memo.pollAt === undefined || memo.pollAt > now) return nothing(memo, "nothing is due");
      const attempt = currentAttempt(job);
      const message: QueueMessage = attempt.taskId
        ? {
            role: "music",
            op: "poll",
            jobId: job.id,
            provider: attempt.engine,
            attempt: attempt.attempt,
            taskId: attempt.taskId,
          }
        : { role: "music", op: "create", jobId: job.id, provider: attempt.engine, attempt: attempt.attempt };
      // A check whose answer is lost is made again at the slowest pace.
      return {
        ...nothing({ ...memo, pollAt: now + settings.pollMaxSeconds * 1000 }, "check sent"),
        effects: [{ type: "send", message }],
      };
    }
  }
}

/** When the object's alarm must next fire for this job and memo. */
export function nextAlarm(job: Job, memo: Memo, stallSeconds: number): number | null {
  if (isTerminal(job.status)) return null;
  const times = [job.deadlineAt];
  if (memo.pollAt !== undefined) times.push(memo.pollAt);
  if (memo.stepAt !== undefined && stepStatuses.includes(job.status)) times.push(memo.stepAt);
  if (job.status === "GENERATING_MUSIC" && memo.progressAt !== undefined)
    times.push(memo.progressAt + stallSeconds * 1000);
  return Math.min(...times);
}
