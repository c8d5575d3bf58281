import { describe, expect, it } from "vitest";
import { activeStatuses, type Job, type JobStatus, jobStatuses, terminalStatuses } from "../../db";
import { failureClassOf, failureCodes } from "../../domain/failures";
import {
  accepts,
  currentAttempt,
  type DeliveredTrack,
  type InputType,
  type JobInput,
  type Memo,
  nextAlarm,
  type Provenance,
  type Settings,
  STEP_RESEND_MS,
  transition,
} from "./machine";

const NOW = 1_800_000_000_000;
const lyrics = { title: "Pour Marie", sections: [{ kind: "chorus" as const, lines: ["Joyeux anniversaire Marie"] }] };

/** A job on its second engine (internal, after suno), with a task when its music has started. */
function jobAt(status: JobStatus, overrides: Partial<Job> = {}): Job {
  const musical = ["GENERATING_MUSIC", "POSTPROCESSING", "DELIVERING", "SUCCEEDED"].includes(status);
  return {
    id: "job_1",
    userId: "usr_1",
    projectId: null,
    status,
    mode: "context",
    title: "Pour Marie",
    credits: 10,
    provider: "internal",
    providerTaskId: musical ? "task-2" : null,
    arm: "failover",
    providerChain: ["instrumental"],
    providersTried: ["suno", "internal"],
    errorCode: null,
    errorMessage: null,
    chosenTrackId: null,
    approveLyrics: false,
    drafts: 1,
    parentJobId: null,
    deadlineAt: NOW + 600_000,
    waitedMs: 0,
    lastSeq: 5,
    createdAt: NOW - 60_000,
    updatedAt: NOW - 1_000,
    finishedAt: null,
    ...overrides,
  };
}

const settings = (overrides: Partial<Settings> = {}): Settings => ({
  now: NOW,
  deadlineSeconds: 900,
  approvalHours: 24,
  pollInitialSeconds: 5,
  pollMaxSeconds: 60,
  stallSeconds: () => 120,
  maxEngineErrors: 3,
  nextEngine: (chain) => chain[0] ?? null,
  instrumentalCredits: 4,
  instrumentalEngines: ["instrumental", "mubert"],
  ...overrides,
});

const current: Provenance = { engine: "internal", attempt: 2, taskId: "task-2" };
const old: Provenance = { engine: "suno", attempt: 1, taskId: "task-1" };
const track = (provider?: string): DeliveredTrack =>
  ({
    id: "trk_1",
    takeIndex: 0,
    r2Key: "k",
    format: "mp3",
    contentType: "audio/mpeg",
    sizeBytes: 1,
    sha256: "x",
    durationSeconds: 60,
    sampleRate: 44100,
    loudnessLufs: null,
    wavR2Key: null,
    wavSizeBytes: null,
    wavSha256: null,
    timings: null,
    providerTakeId: "p",
    title: "t",
    ...(provider ? { provider } : {}),
  }) as DeliveredTrack;

/** One input of each type, about the current attempt (or `from`). */
function inputOf(type: InputType, from: Provenance = current): JobInput {
  const take = { providerTakeId: "p", audioUrl: "https://x/a.mp3", format: "mp3" as const };
  const inputs: Record<InputType, JobInput> = {
    lyrics_started: { type: "lyrics_started" },
    lyrics_written: { type: "lyrics_written", lyrics, source: "builtin" },
    lyrics_edited: { type: "lyrics_edited", lyrics },
    redraft: { type: "redraft" },
    lyrics_approved: { type: "lyrics_approved" },
    submitted: { type: "submitted", from: { engine: from.engine, attempt: from.attempt }, taskId: "task-new" },
    progress: { type: "progress", from, progress: 0.5, stage: "rendering" },
    music_ready: { type: "music_ready", from },
    takes_ready: { type: "takes_ready", from, takes: [take] },
    delivered: { type: "delivered", from, tracks: [track()] },
    busy: { type: "busy", from, retryAfterSeconds: 10 },
    engine_error: { type: "engine_error", from, code: "engine_unavailable" },
    failed: { type: "failed", from, code: "engine_unavailable", message: "Oops! Something went wrong" },
    cancel: { type: "cancel" },
    hint: { type: "hint" },
    tick: { type: "tick" },
  };
  return inputs[type];
}
const types = Object.keys(accepts) as InputType[];
const fromEngine = new Set<InputType>([
  "submitted",
  "progress",
  "music_ready",
  "takes_ready",
  "delivered",
  "busy",
  "engine_error",
  "failed",
]);

/** Where each accepted (input, state) pair leads, written out by hand: "stay" keeps the state. Pairs not listed change nothing. */
const expected: Partial<Record<InputType, Partial<Record<JobStatus, JobStatus | "stay" | "ignored" | "nothing">>>> = {
  lyrics_started: { QUEUED: "WRITING_LYRICS" },
  lyrics_written: { QUEUED: "GENERATING_MUSIC", WRITING_LYRICS: "GENERATING_MUSIC" },
  lyrics_edited: { LYRICS_READY: "stay" },
  redraft: { LYRICS_READY: "WRITING_LYRICS" },
  lyrics_approved: { LYRICS_READY: "GENERATING_MUSIC" },
  // The sample job already follows a task: a second one for the same attempt is recorded and left alone.
  submitted: { GENERATING_MUSIC: "ignored", POSTPROCESSING: "ignored", DELIVERING: "ignored" },
  progress: { GENERATING_MUSIC: "stay" },
  music_ready: { GENERATING_MUSIC: "POSTPROCESSING" },
  takes_ready: { POSTPROCESSING: "DELIVERING" },
  delivered: { DELIVERING: "SUCCEEDED" },
  busy: { GENERATING_MUSIC: "stay" },
  engine_error: { GENERATING_MUSIC: "stay" },
  // An engine's outage moves the music on to the next engine; before the music, the order stops.
  failed: {
    QUEUED: "FAILED",
    WRITING_LYRICS: "FAILED",
    LYRICS_READY: "FAILED",
    GENERATING_MUSIC: "GENERATING_MUSIC",
    POSTPROCESSING: "GENERATING_MUSIC",
    DELIVERING: "GENERATING_MUSIC",
  },
  cancel: {
    QUEUED: "CANCELED",
    WRITING_LYRICS: "CANCELED",
    LYRICS_READY: "CANCELED",
    GENERATING_MUSIC: "CANCELED",
    POSTPROCESSING: "CANCELED",
    DELIVERING: "CANCELED",
  },
  hint: { GENERATING_MUSIC: "nothing" },
  tick: {
    QUEUED: "nothing",
    WRITING_LYRICS: "nothing",
    LYRICS_READY: "nothing",
    GENERATING_MUSIC: "nothing",
    POSTPROCESSING: "nothing",
    DELIVERING: "nothing",
  },
};

const run = (
  job: Job,
  input: JobInput,
  s: Partial<Settings> = {},
  memo: Memo = { progressAt: NOW - 1_000, pollAt: NOW + 5_000 },
) => transition({ job, vocal: "female", memo }, input, settings(s));

describe("transition, for every state and input", () => {
  for (const status of jobStatuses)
    for (const type of types) {
      it(`${type} on a ${status} job`, () => {
        const job = jobAt(status);
        const out = run(job, inputOf(type, currentAttempt(job)));
        const want = expected[type]?.[status];
        if (want === undefined || want === "nothing") {
          expect(out.event).toBeNull();
          expect(out.patch).toBeNull();
          expect(out.settle).toBeNull();
          expect(out.applied).toBe(false);
          return;
        }
        if (want === "ignored") {
          expect(out).toMatchObject({
            applied: false,
            settle: null,
            patch: { job: {} },
            event: { type: "ignored", status },
          });
          return;
        }
        expect(out.applied).toBe(true);
        expect(out.event?.status).toBe(want === "stay" ? status : want);
        expect(out.patch?.job.status ?? status).toBe(want === "stay" ? status : want);
        // Credits move only when the job ends: taken on success, given back on any other ending.
        const ends = terminalStatuses.includes(out.event!.status as never);
        expect(out.settle !== null).toBe(ends);
        if (out.event!.status === "SUCCEEDED") expect(out.settle).toMatchObject({ capture: 10, release: 0 });
        else if (ends) expect(out.settle).toMatchObject({ capture: 0, release: 10 });
      });
    }

  it("records an input about another engine attempt, in every active state, and changes nothing", () => {
    for (const status of activeStatuses)
      for (const type of fromEngine) {
        const out = run(jobAt(status), inputOf(type, old));
        expect(out, `${type} on ${status}`).toMatchObject({
          applied: false,
          settle: null,
          patch: { job: {} },
          event: { type: "ignored", status },
        });
        // A task the old attempt created after all is stopped; nothing else follows.
        expect(out.effects).toEqual(
          type === "submitted" ? [{ type: "cancel_task", engine: "suno", taskId: "task-new" }] : [],
        );
      }
  });

  it("ignores an input about another task of the current engine", () => {
    const out = run(jobAt("GENERATING_MUSIC"), inputOf("failed", { ...current, taskId: "task-0" }));
    expect(out).toMatchObject({ applied: false, event: { type: "ignored" } });
  });

  it("leaves a finished job alone whatever arrives, stale or not, without recording it", () => {
    for (const status of terminalStatuses)
      for (const type of types)
        for (const from of [current, old])
          expect(run(jobAt(status), inputOf(type, from)).event, `${type} on ${status}`).toBeNull();
  });
});

describe("failures", () => {
  it("fails over exactly one step when the old engine's failure is reported twice", () => {
    const onSuno = jobAt("GENERATING_MUSIC", {
      provider: "suno",
      providerTaskId: "task-1",
      providerChain: ["internal", "instrumental"],
      providersTried: ["suno"],
    });
    const failure = inputOf("failed", old);
    const first = run(onSuno, failure);
    expect(first.patch?.job).toMatchObject({
      provider: "internal",
      providersTried: ["suno", "internal"],
      providerChain: ["instrumental"],
      providerTaskId: null,
    });
    expect(first.event).toMatchObject({
      type: "failover",
      data: { failover: { from: "suno", to: "internal", code: "engine_unavailable" } },
    });
    // The failover's event says nothing of credits: they are still held.
    expect(JSON.stringify(first.event)).not.toMatch(/refund|credits/);
    expect(first.effects).toContainEqual({
      type: "send",
      message: { role: "music", op: "create", jobId: "job_1", provider: "internal", attempt: 2 },
    });
    expect(first.effects).toContainEqual({ type: "cancel_task", engine: "suno", taskId: "task-1" });
    const second = run({ ...onSuno, ...first.patch!.job }, failure);
    expect(second).toMatchObject({ applied: false, event: { type: "ignored" } });
  });

  it("has an engine that lost its render make it once more, keeping the job's routing, then moves on", () => {
    const onInternal = jobAt("GENERATING_MUSIC", {
      provider: "internal",
      providerTaskId: "task-1",
      arm: "b",
      providerChain: ["instrumental"],
      providersTried: ["internal"],
    });
    const lost = { type: "failed", from: currentAttempt(onInternal), code: "engine_interrupted" } as const;
    const again = run(onInternal, lost);
    expect(again.patch?.job).toMatchObject({
      provider: "internal",
      providersTried: ["internal", "internal"],
      providerChain: ["instrumental"],
      providerTaskId: null,
    });
    expect(again.patch?.job).not.toHaveProperty("arm");
    expect(again.effects).toContainEqual({
      type: "send",
      message: { role: "music", op: "create", jobId: "job_1", provider: "internal", attempt: 2 },
    });
    expect(again.settle).toBeNull();
    // What comes late about the lost render changes nothing.
    const retried = { ...onInternal, ...again.patch!.job };
    expect(run(retried, lost)).toMatchObject({ applied: false, event: { type: "ignored" } });
    // Lost a second time: the next engine takes it.
    const twice = run({ ...retried, providerTaskId: "task-2" }, { ...lost, from: currentAttempt(retried) });
    expect(twice.patch?.job).toMatchObject({ provider: "instrumental", arm: "failover" });
  });

  it("stops a refused text at once, refunds it and tries no other engine", () => {
    for (const code of failureCodes.filter((c) => failureClassOf[c] === "rejected")) {
      const out = run(jobAt("GENERATING_MUSIC"), {
        type: "failed",
        from: current,
        code,
        message: "Generation failed, your credits have been refunded",
      });
      expect(out.patch?.job).toMatchObject({ status: "FAILED", errorCode: code });
      expect(out.settle).toMatchObject({ capture: 0, release: 10 });
      expect(out.effects.some((e) => e.type === "send")).toBe(false);
      // The engine's words are kept for operators, never put in the event people receive.
      expect(JSON.stringify(out.event)).not.toContain("Generation failed");
    }
  });

  it("fails and refunds when no engine is left", () => {
    const out = run(jobAt("GENERATING_MUSIC", { providerChain: [] }), inputOf("failed"));
    expect(out).toMatchObject({
      patch: { job: { status: "FAILED", errorCode: "engine_unavailable" } },
      settle: { release: 10 },
      event: { data: { credits: { refunded: 10 } } },
    });
  });

  it("tries an engine three times in a row at most (maintenance), then moves on", () => {
    let memo: Memo = { progressAt: NOW, pollAt: NOW };
    const job = jobAt("GENERATING_MUSIC", { providerTaskId: null });
    const error = inputOf("engine_error", currentAttempt(job));
    for (const attempt of [1, 2]) {
      const out = run(job, error, {}, memo);
      expect(out).toMatchObject({ event: { type: "retry", data: { attempt } }, patch: { job: {} } });
      expect(out.memo.pollAt).toBeGreaterThan(NOW);
      memo = out.memo;
    }
    expect(run(job, error, {}, memo).event).toMatchObject({
      type: "failover",
      data: { failover: { to: "instrumental" } },
    });
  });

  it("gives the name one more engine, then stops", () => {
    const missing: JobInput = { type: "failed", from: current, code: "name_missing" };
    const firstEngine: JobInput = { type: "failed", from: { ...current, attempt: 1 }, code: "name_missing" };
    expect(run(jobAt("POSTPROCESSING", { providersTried: ["internal"] }), firstEngine).event?.type).toBe("failover");
    expect(run(jobAt("POSTPROCESSING"), missing).patch?.job).toMatchObject({
      status: "FAILED",
      errorCode: "name_missing",
    });
  });
});

describe("back-pressure", () => {
  it("waits for a busy engine when the deadline allows, and never counts it as a failure", () => {
    const out = run(jobAt("GENERATING_MUSIC"), inputOf("busy"));
    expect(out).toMatchObject({
      applied: true,
      event: { type: "busy", status: "GENERATING_MUSIC" },
      settle: null,
      effects: [],
    });
    expect(out.memo.pollAt).toBe(NOW + 10_000);
    expect(out.memo.engineErrors ?? 0).toBe(0);
  });

  it("moves on from a busy engine when waiting would pass the deadline", () => {
    const out = run(jobAt("GENERATING_MUSIC", { deadlineAt: NOW + 60_000 }), inputOf("busy"));
    expect(out.event).toMatchObject({ type: "failover", data: { failover: { to: "instrumental" } } });
  });
});

describe("the alarm", () => {
  it("fails a stalled engine over well before the deadline, or fails the order when none is left", () => {
    const quiet: Memo = { progressAt: NOW - 121_000, pollAt: NOW + 1_000 };
    expect(run(jobAt("GENERATING_MUSIC"), inputOf("tick"), {}, quiet).event).toMatchObject({
      type: "failover",
      data: { failover: { code: "engine_stalled" } },
    });
    expect(run(jobAt("GENERATING_MUSIC", { providerChain: [] }), inputOf("tick"), {}, quiet).patch?.job).toMatchObject({
      status: "FAILED",
      errorCode: "engine_stalled",
    });
  });

  it("restarts the stall clock only when the engine shows something new", () => {
    const memo: Memo = { progressAt: NOW - 100_000, progressKey: "0.5:rendering" };
    expect(run(jobAt("GENERATING_MUSIC"), inputOf("progress"), {}, memo).memo.progressAt).toBe(NOW - 100_000);
    const moved = run(
      jobAt("GENERATING_MUSIC"),
      { type: "progress", from: current, progress: 0.6, stage: "rendering" },
      {},
      memo,
    );
    expect(moved.memo.progressAt).toBe(NOW);
  });

  it("checks the task when a check is due, and creates it when there is none yet", () => {
    const due: Memo = { progressAt: NOW, pollAt: NOW - 1 };
    expect(run(jobAt("GENERATING_MUSIC"), inputOf("tick"), {}, due).effects).toEqual([
      {
        type: "send",
        message: { role: "music", op: "poll", jobId: "job_1", provider: "internal", attempt: 2, taskId: "task-2" },
      },
    ]);
    expect(run(jobAt("GENERATING_MUSIC", { providerTaskId: null }), inputOf("tick"), {}, due).effects).toEqual([
      { type: "send", message: { role: "music", op: "create", jobId: "job_1", provider: "internal", attempt: 2 } },
    ]);
  });

  it("sends a post-processing or delivery step again when it has not answered, waiting twice as long each time", () => {
    const ready = run(jobAt("GENERATING_MUSIC"), inputOf("music_ready", current));
    const step = { role: "postprocess", jobId: "job_1", from: current };
    expect(ready.effects).toEqual([{ type: "send", message: step }]);
    const waiting = { ...jobAt("POSTPROCESSING"), deadlineAt: NOW + 600_000 };
    expect(nextAlarm(waiting, ready.memo, 120)).toBe(NOW + STEP_RESEND_MS);
    // Before it is due the alarm does nothing; once due it sends the same step, and waits twice as long.
    const early = transition({ job: waiting, vocal: "female", memo: ready.memo }, inputOf("tick"), settings({}));
    expect(early.effects).toEqual([]);
    const at = NOW + STEP_RESEND_MS;
    const due = transition({ job: waiting, vocal: "female", memo: ready.memo }, inputOf("tick"), settings({ now: at }));
    expect(due).toMatchObject({ applied: false, event: null, effects: [{ type: "send", message: step }] });
    expect(nextAlarm(waiting, due.memo, 120)).toBe(at + 2 * STEP_RESEND_MS);
    // The step answered: the job waits on the next one, the delivery, and no longer on this one.
    const delivering = transition(
      { job: waiting, vocal: "female", memo: due.memo },
      inputOf("takes_ready", current),
      settings({ now: at }),
    );
    expect(delivering.memo.step).toMatchObject({ role: "delivery", jobId: "job_1", from: current });
    expect(delivering.memo.stepAt).toBe(at + STEP_RESEND_MS);
  });

  it("times the order out at its deadline, and the lyrics approval at its own", () => {
    expect(run(jobAt("GENERATING_MUSIC", { deadlineAt: NOW }), inputOf("tick")).patch?.job).toMatchObject({
      status: "TIMED_OUT",
      errorCode: "timed_out",
    });
    expect(run(jobAt("LYRICS_READY", { deadlineAt: NOW }), inputOf("tick")).patch?.job).toMatchObject({
      status: "TIMED_OUT",
      errorCode: "lyrics_expired",
    });
  });
});

describe("delivery", () => {
  it("delivers nothing, charges nothing, from a delivery without takes", () => {
    const out = run(jobAt("DELIVERING"), { type: "delivered", from: current, tracks: [] });
    expect(out).toMatchObject({ applied: false, event: null, settle: null, patch: null });
  });

  it("records an earlier attempt's delivery and keeps the job on its own", () => {
    const out = run(jobAt("DELIVERING"), { type: "delivered", from: old, tracks: [track("suno")] });
    expect(out).toMatchObject({
      applied: false,
      settle: null,
      event: { type: "ignored", status: "DELIVERING", data: { input: "delivered", from: old } },
    });
  });
});

describe("the price follows what is delivered", () => {
  it("charges a sung order delivered without a voice the instrumental price and refunds the rest in the same settlement", () => {
    const out = run(jobAt("DELIVERING", { provider: "instrumental" }), { type: "delivered", tracks: [track()] });
    expect(out.settle).toMatchObject({ capture: 4, release: 6 });
    expect(out.event?.data).toMatchObject({ credits: { debited: 4, refunded: 6 } });
  });

  it("charges the full price for a sung take, or for an instrumental order", () => {
    expect(run(jobAt("DELIVERING"), { type: "delivered", tracks: [track()] }).settle).toMatchObject({
      capture: 10,
      release: 0,
    });
    const instrumental = transition(
      { job: jobAt("DELIVERING", { provider: "instrumental" }), vocal: "instrumental", memo: {} },
      { type: "delivered", tracks: [track()] },
      settings(),
    );
    expect(instrumental.settle).toMatchObject({ capture: 10, release: 0 });
  });
});

describe("lyrics", () => {
  it("waits for the person when the order asked to approve its lyrics", () => {
    const out = run(jobAt("WRITING_LYRICS", { approveLyrics: true }), inputOf("lyrics_written"));
    expect(out).toMatchObject({ event: { type: "lyrics_drafted", status: "LYRICS_READY" }, effects: [] });
    expect(out.patch?.job.deadlineAt).toBe(NOW + 24 * 3_600_000);
  });

  it("keeps the time the draft waited for the person's approval apart from the time the song took", () => {
    // Shown 40 minutes ago (its window of 24 hours opened then), approved now; an earlier draft waited 5 minutes.
    const shown = jobAt("LYRICS_READY", {
      approveLyrics: true,
      createdAt: NOW - 3_600_000,
      deadlineAt: NOW - 40 * 60_000 + 24 * 3_600_000,
      waitedMs: 5 * 60_000,
    });
    const out = run(shown, inputOf("lyrics_approved"));
    expect(out.patch?.job).toMatchObject({ status: "GENERATING_MUSIC", waitedMs: 45 * 60_000 });
  });

  it("starts the music on the job's engine as its current attempt", () => {
    const out = run(jobAt("WRITING_LYRICS", { provider: "suno", providersTried: ["suno"] }), inputOf("lyrics_written"));
    expect(out.effects).toEqual([
      { type: "send", message: { role: "music", op: "create", jobId: "job_1", provider: "suno", attempt: 1 } },
    ]);
  });

  it("accepts a first task for the attempt", () => {
    const job = jobAt("GENERATING_MUSIC", { providerTaskId: null });
    const out = run(job, inputOf("submitted", currentAttempt(job)));
    expect(out.patch).toMatchObject({
      job: { providerTaskId: "task-new" },
      generation: { provider: "internal", providerTaskId: "task-new" },
    });
  });
});
