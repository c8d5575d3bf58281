// Test fixture: one Node server speaking both Suno families the adapters know, the hosted
// sunoapi.org API (/api/v1/*) and the self-hosted gcui-art/suno-api wrapper (/api/*), with the
// real field names, status values and error codes. Workers under test drive it over HTTP
// (/__sim/*) because they cannot reach this process any other way.
//
// Self-contained and free of non-erasable TypeScript so that Node runs it as is:
//   node test/simulators/suno.ts            (PORT=8788 by default)

import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { z } from "zod";

const behaviourSchema = z.object({
  create: z.enum(["ok", "http500", "code429", "code430", "code455", "garbage", "hang"]),
  /**
   * How music tasks end ("refused": a failed generation whose error code, 400, says the words were
   * refused; "never": progress stops at the first take; "pending": the task never leaves its queue).
   */
  outcome: z.enum(["success", "fail", "sensitive", "refused", "never", "pending"]),
  /** The error code a failed generation reports: 501 failed, 531 failed with the credits given back. */
  failCode: z.union([z.literal(501), z.literal(531)]).optional(),
  /** This many music creates are answered "too frequent, retry after 1 s" before the others go through. */
  busyCreates: z.number().int().min(0),
  /** How lyrics tasks end, apart from music, so a failing engine can still be given its lyrics. */
  lyricsOutcome: z.enum(["success", "fail", "sensitive", "never"]),
  pollsToComplete: z.number().int().min(0),
  delayMs: z.number().int().min(0),
  /**
   * Where finished clips' audio is: "metadata" points at the cloud metadata address, "redirect" at a
   * redirect to the same file here, "redirect-away" at a redirect to another port on this machine.
   */
  audio: z.enum(["ok", "html", "missing", "forbidden", "metadata", "redirect", "redirect-away"]),
  lyricsTitle: z.string().optional(),
  /** The engine sings its own words instead of the lyrics it was given (they name nobody). */
  ignoreLyrics: z.boolean().optional(),
  /** The length finished clips report, in seconds, instead of their own (a take far from what was ordered). */
  clipSeconds: z.number().positive().optional(),
});
type Behaviour = z.infer<typeof behaviourSchema>;
const defaultBehaviour: Behaviour = {
  create: "ok",
  outcome: "success",
  lyricsOutcome: "success",
  busyCreates: 0,
  pollsToComplete: 1,
  delayMs: 0,
  audio: "ok",
};

/**
 * Faults one task can carry, so that a run mixes clean orders and faulty ones: a music request whose
 * style (hosted `style`, wrapper `tags`) holds the tag `sim-fault-<name>-<key>` gets the fault's
 * behaviour over the global one. The key names the order: counted faults (the first creates answered
 * busy, the first create left hanging) count per key, since an order's retries are new requests.
 */
const taskFaults = {
  refused: { outcome: "refused" },
  sensitive: { outcome: "sensitive" },
  fail: { outcome: "fail" },
  fail531: { outcome: "fail", failCode: 531 },
  garbage: { create: "garbage" },
  maintenance: { create: "code455" },
  busy: {},
  stalled: { outcome: "never" },
  never: { outcome: "pending" },
  duration: { clipSeconds: 900 },
  expired: { audio: "missing" },
  twice: {},
  timeout: {},
} satisfies Record<string, Partial<Behaviour>>;
type FaultName = keyof typeof taskFaults;
/** How many of an order's creates a counted fault answers: busy (430, Retry-After 1 s), or hanging. */
const countedFaults: Partial<Record<FaultName, { creates: number; create: Behaviour["create"] | "busy" }>> = {
  busy: { creates: 2, create: "busy" },
  timeout: { creates: 1, create: "hang" },
};
interface TaskFault {
  name: FaultName;
  key: string;
}

function faultIn(body: Record<string, unknown>): TaskFault | null {
  const style = [body.style, body.tags].filter((v): v is string => typeof v === "string").join(",");
  const m = /\bsim-fault-([a-z0-9]+)-([a-z0-9]+)\b/.exec(style);
  return m && m[1]! in taskFaults ? { name: m[1] as FaultName, key: m[2]! } : null;
}

type Family = "hosted" | "wrapper";
type Kind = "music" | "lyrics";
/** 0..2 while in progress (hosted PENDING/TEXT_SUCCESS/FIRST_SUCCESS, wrapper submitted/queued/streaming). */
type Phase = 0 | 1 | 2 | "success" | "fail" | "sensitive" | "refused";

interface Clip {
  id: string;
  title: string;
  lyrics: string;
  tags: string;
  model: string;
  frames: number;
  createdAt: string;
  taskId: string;
}

interface Task {
  taskId: string;
  family: Family;
  kind: Kind;
  request: Record<string, unknown>;
  headers: { authorization: string | null; cookie: string | null };
  polls: number;
  callBackUrl: string | null;
  clips: Clip[];
  lyrics: { text: string; title: string } | null;
  /** Once terminal a task stays so, whatever behaviour changes later. */
  settled: Phase | null;
  fault: TaskFault | null;
}

const improvised = "[Verse]\nOh the night is young\n[Chorus]\nDance until the morning sun";

interface Callback {
  url: string;
  body: unknown;
}

// ---- audio -----------------------------------------------------------------------------------

// MPEG-1 Layer III, 128 kbps, 44.1 kHz, joint stereo, no padding: 417-byte frames of 1,152 samples.
// A header followed by zeroed side information and main data decodes as silence.
const frameHeader = [0xff, 0xfb, 0x90, 0x64];
const frameBytes = 417;
const samplesPerFrame = 1152;
const sampleRate = 44_100;

function silentMp3(frames: number): Buffer {
  const frame = Buffer.alloc(frameBytes);
  frame.set(frameHeader);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

/** 96–115 frames (2.5–3 s), fixed per clip id so the two takes of a task differ. */
function framesFor(clipId: string): number {
  let hash = 2166136261;
  for (const ch of clipId) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 96 + (hash % 20);
}

function framesSeconds(clip: Clip): number {
  return Math.round(((clip.frames * samplesPerFrame) / sampleRate) * 100) / 100;
}

// ---- lyrics ----------------------------------------------------------------------------------

function writeLyrics(prompt: string, title: string | undefined): { text: string; title: string } {
  const name = /\b(?:for|pour)\s+([A-ZÀ-ÖØ-Þ][\p{L}'’-]*)/u.exec(prompt)?.[1];
  const french = /fran[cç]ais|french/i.test(prompt);
  const who = name ?? (french ? "toi" : "you");
  const text = french
    ? [
        "[Verse]",
        `${who}, ce soir la ville s'allume pour toi`,
        "Chaque souvenir revient danser avec moi",
        "",
        "[Chorus]",
        `Chante, chante, ${who}, c'est ton jour`,
        "On lève nos verres à tous ces beaux détours",
        "",
        "[Verse]",
        "Les années passent et tu restes la même",
        "Une lumière douce, un rire que l'on aime",
        "",
        "[Chorus]",
        `Chante, chante, ${who}, c'est ton jour`,
        "On lève nos verres à tous ces beaux détours",
      ]
    : [
        "[Verse]",
        `${who}, the city lights are shining just for you`,
        "Every little memory is coming into view",
        "",
        "[Chorus]",
        `Sing it out, ${who}, this day belongs to you`,
        "Raise a glass to every dream that came true",
        "",
        "[Verse]",
        "The years roll by and you still light the room",
        "A gentle laugh, a song, a summer bloom",
        "",
        "[Chorus]",
        `Sing it out, ${who}, this day belongs to you`,
        "Raise a glass to every dream that came true",
      ];
  return { text: text.join("\n"), title: title ?? `Song for ${name ?? "You"}` };
}

// ---- the server ------------------------------------------------------------------------------

const hostedModels = ["V4", "V4_5", "V4_5PLUS", "V4_5ALL", "V5", "V5_5"];
const hostedModelNames: Record<string, string> = {
  V4: "chirp-v4",
  V4_5: "chirp-auk",
  V4_5PLUS: "chirp-bluejay",
  V4_5ALL: "chirp-auk",
  V5: "chirp-crow",
  V5_5: "chirp-crow",
};

function hostedLimits(model: string): { prompt: number; style: number; title: number } {
  return model === "V4" ? { prompt: 3000, style: 200, title: 80 } : { prompt: 5000, style: 1000, title: 100 };
}

class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export async function startSunoSimulator(
  opts: { port?: number } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  let behaviour: Behaviour = { ...defaultBehaviour };
  const tasks = new Map<string, Task>();
  const clips = new Map<string, Clip>();
  const timers = new Set<NodeJS.Timeout>();
  let base = "";

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function reset(): void {
    behaviour = { ...defaultBehaviour };
    tasks.clear();
    clips.clear();
    faultCreates.clear();
  }

  /** Creates seen per fault key, for the faults that answer only an order's first creates. */
  const faultCreates = new Map<string, number>();

  /** The global behaviour, with the task's own fault over it. */
  const behaviourOf = (task: Task | undefined): Behaviour =>
    task?.fault ? { ...behaviour, ...taskFaults[task.fault.name] } : behaviour;
  const behaviourOfClip = (clip: Clip) => behaviourOf(tasks.get(clip.taskId));

  const secondsOf = (clip: Clip) => behaviourOfClip(clip).clipSeconds ?? framesSeconds(clip);

  function outcomeOf(task: Task): Behaviour["outcome"] {
    return task.kind === "lyrics" ? behaviour.lyricsOutcome : behaviourOf(task).outcome;
  }

  const failCodeOf = (task: Task) => behaviourOf(task).failCode ?? 501;

  function phaseOf(task: Task): Phase {
    if (task.settled !== null) return task.settled;
    const needed = Math.max(1, behaviour.pollsToComplete);
    const outcome = outcomeOf(task);
    if (outcome === "pending") return 0;
    if (task.polls >= needed && outcome !== "never") {
      task.settled = outcome;
      return task.settled;
    }
    return Math.min(2, Math.floor((task.polls * 3) / needed)) as 0 | 1 | 2;
  }

  function hostedMusicStatus(phase: Phase): string {
    if (phase === "success") return "SUCCESS";
    if (phase === "fail" || phase === "refused") return "GENERATE_AUDIO_FAILED";
    if (phase === "sensitive") return "SENSITIVE_WORD_ERROR";
    return (["PENDING", "TEXT_SUCCESS", "FIRST_SUCCESS"] as const)[phase];
  }

  function hostedLyricsStatus(phase: Phase): string {
    if (phase === "success") return "SUCCESS";
    if (phase === "fail") return "GENERATE_LYRICS_FAILED";
    if (phase === "sensitive" || phase === "refused") return "SENSITIVE_WORD_ERROR";
    return "PENDING";
  }

  function wrapperStatus(phase: Phase): string {
    if (phase === "success") return "complete";
    if (phase === "fail" || phase === "sensitive" || phase === "refused") return "error";
    return (["submitted", "queued", "streaming"] as const)[phase];
  }

  function statusOf(task: Task): string {
    const phase = phaseOf(task);
    if (task.family === "wrapper")
      return task.kind === "lyrics" ? (task.lyrics ? "complete" : "error") : wrapperStatus(phase);
    return task.kind === "lyrics" ? hostedLyricsStatus(phase) : hostedMusicStatus(phase);
  }

  const failureMessage = {
    fail: "Audio generation failed.",
    sensitive: "The prompt contains sensitive words.",
    refused: "Song lyrics contain copyrighted material or sensitive words.",
  };
  const failMessageOf = (task: Task) =>
    failCodeOf(task) === 531 ? "Generation failed, your credits have been refunded." : failureMessage.fail;

  function audioUrl(clip: Clip, family: Family): string {
    const { audio } = behaviourOfClip(clip);
    if (audio === "forbidden") return family === "wrapper" ? `${base}/api/forbidden` : "";
    if (audio === "metadata") return `http://169.254.169.254/latest/meta-data/${clip.id}.mp3`;
    if (audio === "redirect" || audio === "redirect-away") return `${base}/__sim/redirect/${clip.id}.mp3`;
    return `${base}/__sim/audio/${clip.id}.mp3`;
  }

  function streamUrl(clip: Clip): string {
    return `${base}/__sim/stream/${clip.id}`;
  }

  function newClips(count: number, fields: Omit<Clip, "id" | "frames" | "createdAt">): Clip[] {
    return Array.from({ length: count }, () => {
      const id = randomUUID();
      const clip: Clip = { ...fields, id, frames: framesFor(id), createdAt: new Date().toISOString() };
      clips.set(id, clip);
      return clip;
    });
  }

  function newTask(
    family: Family,
    kind: Kind,
    req: IncomingMessage,
    request: Record<string, unknown>,
    fields: Partial<Task> = {},
  ): Task {
    const task: Task = {
      taskId: randomUUID().replaceAll("-", ""),
      family,
      kind,
      request,
      headers: { authorization: req.headers.authorization ?? null, cookie: req.headers.cookie ?? null },
      polls: 0,
      callBackUrl: null,
      clips: [],
      lyrics: null,
      settled: null,
      fault: kind === "music" ? faultIn(request) : null,
      ...fields,
    };
    tasks.set(task.taskId, task);
    if (task.fault?.name === "twice") sendTwice(task);
    return task;
  }

  /** A task whose callbacks reach the Worker out of order, then twice each, while it runs and once it has ended. */
  function sendTwice(task: Task): void {
    void (async () => {
      for (const [ms, order] of [
        [500, "out_of_order"],
        [1500, "duplicate"],
        [3000, "duplicate"],
      ] as const) {
        await sleep(ms);
        await deliver(task, order);
      }
    })();
  }

  // -- hosted (sunoapi.org) ----------------------------------------------------------------

  function hostedError(code: number, msg: string, httpStatus = 200, headers: Record<string, string> = {}): HttpError {
    return new HttpError(httpStatus, { code, msg, data: null }, headers);
  }

  const ok = (data: unknown) => ({ code: 200, msg: "success", data });

  function requireBearer(req: IncomingMessage): void {
    if (!/^Bearer\s+\S+/.test(req.headers.authorization ?? "")) {
      throw hostedError(401, "You do not have access permissions", 401);
    }
  }

  /** The failure modes of a create call, shared by both families in their own dialect. */
  async function applyCreateBehaviour(
    family: Family,
    res: ServerResponse,
    create: Behaviour["create"],
  ): Promise<"hung" | "garbage" | "ok"> {
    switch (create) {
      case "ok":
        return "ok";
      case "hang":
        return "hung";
      case "garbage":
        res.writeHead(200, { "content-type": "text/html" }).end("<html><body><h1>502 Bad Gateway</h1></body></html>");
        return "garbage";
      case "http500":
        throw family === "hosted"
          ? hostedError(500, "Internal Server Error", 500)
          : new HttpError(500, { error: "Internal server error" });
      case "code429":
        throw family === "hosted"
          ? hostedError(429, "The current credits are insufficient. Please top up.")
          : new HttpError(402, { error: "Insufficient credits." });
      case "code430":
        throw family === "hosted"
          ? hostedError(430, "Your call frequency is too high. Please try again later.")
          : new HttpError(429, { error: "Too many requests, slow down." });
      case "code455":
        throw family === "hosted"
          ? hostedError(455, "System maintenance, please try again later.")
          : new HttpError(503, { error: "Service unavailable" });
    }
  }

  function hostedGenerate(req: IncomingMessage, body: Record<string, unknown>): unknown {
    const { customMode, instrumental, model, callBackUrl, prompt, style, title } = body;
    if (typeof customMode !== "boolean") throw hostedError(400, "customMode is required");
    if (typeof model !== "string" || !hostedModels.includes(model)) throw hostedError(400, "model is invalid");
    if (typeof callBackUrl !== "string" || !callBackUrl) throw hostedError(400, "callBackUrl is required");
    const limits = hostedLimits(model);
    if (customMode) {
      if (typeof style !== "string" || !style) throw hostedError(400, "style is required in custom mode");
      if (typeof title !== "string" || !title) throw hostedError(400, "title is required in custom mode");
      if (instrumental !== true && (typeof prompt !== "string" || !prompt))
        throw hostedError(400, "prompt is required");
      if (typeof prompt === "string" && prompt.length > limits.prompt) throw hostedError(413, "prompt is too long");
      if (style.length > limits.style) throw hostedError(413, "style is too long");
      if (title.length > limits.title) throw hostedError(413, "title is too long");
    } else if (typeof prompt !== "string" || !prompt || prompt.length > 500) {
      throw hostedError(
        typeof prompt === "string" && prompt.length > 500 ? 413 : 400,
        "prompt is required, up to 500 characters",
      );
    }
    const task = newTask("hosted", "music", req, body, { callBackUrl });
    task.clips = newClips(2, {
      taskId: task.taskId,
      title: typeof title === "string" ? title : "Untitled",
      lyrics: instrumental === true ? "" : behaviour.ignoreLyrics ? improvised : String(prompt ?? ""),
      tags: typeof style === "string" ? style : "",
      model: hostedModelNames[model] ?? model,
    });
    return ok({ taskId: task.taskId });
  }

  function hostedClip(clip: Clip, task: Task, phase: Phase, index: number) {
    const done = phase === "success" || (phase === 2 && index === 0);
    const streaming = phase === 1 || phase === 2 || phase === "success";
    return {
      id: clip.id,
      audioUrl: done ? audioUrl(clip, "hosted") : "",
      sourceAudioUrl: done ? audioUrl(clip, "hosted") : "",
      streamAudioUrl: streaming ? streamUrl(clip) : "",
      sourceStreamAudioUrl: streaming ? streamUrl(clip) : "",
      imageUrl: "",
      sourceImageUrl: "",
      prompt: clip.lyrics,
      modelName: clip.model,
      title: clip.title,
      tags: clip.tags,
      createTime: clip.createdAt,
      duration: done ? secondsOf(clip) : null,
      taskId: task.taskId,
    };
  }

  function hostedRecordInfo(url: URL, kind: Kind): unknown {
    const taskId = url.searchParams.get("taskId");
    if (!taskId) throw hostedError(400, "taskId is required");
    const task = tasks.get(taskId);
    if (task?.family !== "hosted" || task.kind !== kind) throw hostedError(400, "Task not found");
    task.polls += 1;
    const phase = phaseOf(task);
    const failed = phase === "fail" || phase === "sensitive" || phase === "refused";
    const common = {
      taskId,
      param: JSON.stringify(task.request),
      errorCode: failed ? (phase === "fail" ? failCodeOf(task) : 400) : null,
      errorMessage: failed
        ? kind === "lyrics" && phase === "fail"
          ? "Lyrics generation failed."
          : phase === "fail"
            ? failMessageOf(task)
            : failureMessage[phase]
        : null,
    };
    if (kind === "lyrics") {
      const lyrics = phase === "success" && task.lyrics ? task.lyrics : null;
      return ok({
        ...common,
        response: lyrics ? { taskId, data: [{ ...lyrics, status: "complete", errorMessage: "" }] } : null,
        status: hostedLyricsStatus(phase),
        type: "LYRICS",
      });
    }
    return ok({
      ...common,
      parentMusicId: "",
      response:
        phase === 0 || failed ? null : { taskId, sunoData: task.clips.map((c, i) => hostedClip(c, task, phase, i)) },
      status: hostedMusicStatus(phase),
      type: "GENERATE",
    });
  }

  function hostedLyrics(req: IncomingMessage, body: Record<string, unknown>): unknown {
    const { prompt, callBackUrl } = body;
    if (typeof prompt !== "string" || !prompt) throw hostedError(400, "prompt is required");
    if (prompt.length > 200) throw hostedError(413, "prompt is too long");
    if (typeof callBackUrl !== "string" || !callBackUrl) throw hostedError(400, "callBackUrl is required");
    const task = newTask("hosted", "lyrics", req, body, {
      callBackUrl,
      lyrics: writeLyrics(prompt, behaviour.lyricsTitle),
    });
    return ok({ taskId: task.taskId });
  }

  /** What the hosted API posts to callBackUrl over a task's life (snake_case, unlike record-info). */
  function callbacksOf(task: Task): Callback[] {
    if (task.family !== "hosted" || !task.callBackUrl) return [];
    const url = task.callBackUrl;
    const outcome = outcomeOf(task);
    const phase = task.settled ?? (outcome === "never" ? 2 : outcome === "pending" ? 0 : outcome);
    const error = (code: number, msg: string): Callback => ({
      url,
      body: { code, msg, data: { callbackType: "error", task_id: task.taskId, data: null } },
    });
    if (task.kind === "lyrics") {
      if (phase === "fail") return [error(501, "Lyrics generation failed.")];
      if (phase === "sensitive") return [error(400, failureMessage.sensitive)];
      if (phase !== "success" || !task.lyrics) return [];
      const data = [{ error_message: "", status: "complete", text: task.lyrics.text, title: task.lyrics.title }];
      return [
        {
          url,
          body: {
            code: 200,
            msg: "All generated successfully.",
            data: { callbackType: "complete", task_id: task.taskId, data },
          },
        },
      ];
    }
    const snake = (done: (index: number) => boolean) =>
      task.clips.map((clip, index) => ({
        id: clip.id,
        audio_url: done(index) ? audioUrl(clip, "hosted") : "",
        source_audio_url: done(index) ? audioUrl(clip, "hosted") : "",
        stream_audio_url: streamUrl(clip),
        source_stream_audio_url: streamUrl(clip),
        image_url: "",
        source_image_url: "",
        prompt: clip.lyrics,
        model_name: clip.model,
        title: clip.title,
        tags: clip.tags,
        createTime: clip.createdAt,
        duration: done(index) ? secondsOf(clip) : null,
      }));
    const step = (callbackType: string, msg: string, data: unknown[]): Callback => ({
      url,
      body: { code: 200, msg, data: { callbackType, task_id: task.taskId, data } },
    });
    const text = step("text", "Text generation completed successfully.", []);
    const first = step(
      "first",
      "First track generation completed successfully.",
      snake((i) => i === 0),
    );
    if (phase === "sensitive" || phase === "refused") return [error(400, failureMessage[phase])];
    if (phase === "fail") return [text, error(failCodeOf(task), failMessageOf(task))];
    if (phase === 0) return [];
    if (phase === "success")
      return [
        text,
        first,
        step(
          "complete",
          "All generated successfully.",
          snake(() => true),
        ),
      ];
    return [text, first];
  }

  function ordered(callbacks: Callback[], order: string | null): Callback[] {
    if (order === "duplicate") return callbacks.flatMap((c) => [c, c]);
    if (order === "out_of_order" && callbacks.length > 1)
      return [callbacks[callbacks.length - 1]!, ...callbacks.slice(0, -1)];
    return callbacks;
  }

  // -- wrapper (gcui-art/suno-api) ------------------------------------------------------------

  function wrapperClip(clip: Clip, task: Task) {
    const phase = phaseOf(task);
    const status = wrapperStatus(phase);
    const complete = status === "complete";
    return {
      id: clip.id,
      title: clip.title,
      image_url: null,
      lyric: clip.lyrics,
      audio_url: complete ? audioUrl(clip, "wrapper") : status === "streaming" ? streamUrl(clip) : "",
      video_url: "",
      created_at: clip.createdAt,
      model_name: clip.model,
      status,
      gpt_description_prompt: null,
      prompt: clip.lyrics,
      type: "gen",
      tags: clip.tags,
      negative_tags: (task.request.negative_tags as string | undefined) ?? "",
      duration: complete ? secondsOf(clip) : null,
      error_message:
        phase === "fail"
          ? failMessageOf(task)
          : phase === "sensitive" || phase === "refused"
            ? failureMessage[phase]
            : null,
    };
  }

  function wrapperGenerate(req: IncomingMessage, body: Record<string, unknown>): unknown {
    const { prompt, tags, title, make_instrumental, model } = body;
    const task = newTask("wrapper", "music", req, body);
    task.clips = newClips(2, {
      taskId: task.taskId,
      title: typeof title === "string" ? title : "",
      lyrics: make_instrumental === true ? "" : behaviour.ignoreLyrics ? improvised : String(prompt ?? ""),
      tags: typeof tags === "string" ? tags : "",
      // Its stale default when the caller names none.
      model: typeof model === "string" && model ? model : "chirp-v3-5",
    });
    return task.clips.map((c) => wrapperClip(c, task));
  }

  function wrapperGet(url: URL): unknown {
    const ids = url.searchParams.get("ids")?.split(",").filter(Boolean);
    const wanted = new Set(ids ?? []);
    const matching = [...tasks.values()].filter(
      (t) => t.family === "wrapper" && t.kind === "music" && (!ids || t.clips.some((c) => wanted.has(c.id))),
    );
    for (const task of matching) task.polls += 1;
    return matching.flatMap((task) =>
      task.clips.filter((c) => !ids || wanted.has(c.id)).map((c) => wrapperClip(c, task)),
    );
  }

  function wrapperLyrics(req: IncomingMessage, body: Record<string, unknown>): unknown {
    const { prompt } = body;
    if (typeof prompt !== "string" || !prompt) throw new HttpError(400, { error: "Prompt is required" });
    // The wrapper waits for Suno before answering, so the outcome is known at once.
    const lyrics = behaviour.lyricsOutcome === "success" ? writeLyrics(prompt, behaviour.lyricsTitle) : null;
    newTask("wrapper", "lyrics", req, body, { lyrics, settled: lyrics ? "success" : "fail" });
    if (!lyrics)
      throw new HttpError(500, {
        error: `Internal server error: "lyrics generation ${behaviour.lyricsOutcome === "sensitive" ? "refused" : "failed"}"`,
      });
    return { text: lyrics.text, title: lyrics.title, status: "complete" };
  }

  // -- control API ------------------------------------------------------------------------------

  function taskView(task: Task) {
    return {
      taskId: task.taskId,
      family: task.family,
      kind: task.kind,
      request: task.request,
      headers: task.headers,
      polls: task.polls,
      status: statusOf(task),
    };
  }

  async function deliver(task: Task, order: string | null) {
    const results: { url: string; status: number | null; error?: string }[] = [];
    for (const callback of ordered(callbacksOf(task), order)) {
      try {
        const res = await fetch(callback.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(callback.body),
          signal: AbortSignal.timeout(15_000),
        });
        await res.arrayBuffer();
        results.push({ url: callback.url, status: res.status });
      } catch (err) {
        results.push({ url: callback.url, status: null, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return results;
  }

  function serveAudio(req: IncomingMessage, res: ServerResponse, clipId: string): void {
    const clip = clips.get(clipId);
    const audio = clip ? behaviourOfClip(clip).audio : behaviour.audio;
    if (!clip || audio === "missing") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    const body =
      audio === "html"
        ? Buffer.from(
            "<!doctype html><html><head><title>Access denied</title></head><body>Please sign in to continue.</body></html>",
          )
        : silentMp3(clip.frames);
    res.writeHead(200, {
      "content-type": audio === "html" ? "text/html; charset=utf-8" : "audio/mpeg",
      "content-length": body.length,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  async function readBody(req: IncomingMessage): Promise<Record<string, unknown> | null> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (chunks.length === 0) return {};
    try {
      const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res
      .writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) })
      .end(text);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", base);
    const path = url.pathname;
    const method = req.method ?? "GET";
    const body = method === "POST" ? await readBody(req) : {};

    if (path.startsWith("/__sim/")) {
      if (method === "POST" && path === "/__sim/reset") {
        reset();
        return send(res, 200, behaviour);
      }
      if (path === "/__sim/behaviour") {
        if (method === "GET") return send(res, 200, behaviour);
        const patch = behaviourSchema.partial().strict().safeParse(body);
        if (method !== "POST" || !patch.success)
          return send(res, 400, { error: patch.success ? "use POST" : z.prettifyError(patch.error) });
        behaviour = { ...behaviour, ...patch.data };
        return send(res, 200, behaviour);
      }
      if (method === "GET" && path === "/__sim/tasks") return send(res, 200, [...tasks.values()].map(taskView));
      const callbacks = /^\/__sim\/tasks\/([^/]+)\/(callbacks|deliver-callbacks)$/.exec(path);
      if (callbacks) {
        const task = tasks.get(decodeURIComponent(callbacks[1]!));
        if (!task) return send(res, 404, { error: "unknown task" });
        const order = url.searchParams.get("order");
        if (callbacks[2] === "callbacks" && method === "GET") return send(res, 200, ordered(callbacksOf(task), order));
        if (callbacks[2] === "deliver-callbacks" && method === "POST")
          return send(res, 200, await deliver(task, order));
      }
      const redirect = /^\/__sim\/redirect\/([^/]+)\.mp3$/.exec(path);
      if (redirect && method === "GET") {
        const target =
          behaviourOf(tasks.get(clips.get(redirect[1]!)?.taskId ?? "")).audio === "redirect-away"
            ? `http://127.0.0.1:9/${redirect[1]}.mp3`
            : `${base}/__sim/audio/${redirect[1]}.mp3`;
        res.writeHead(302, { location: target }).end();
        return;
      }
      const audio = /^\/__sim\/(?:audio\/([^/]+)\.mp3|stream\/([^/]+))$/.exec(path);
      if (audio && (method === "GET" || method === "HEAD")) return serveAudio(req, res, (audio[1] ?? audio[2])!);
      return send(res, 404, { error: "unknown simulator route" });
    }

    if (behaviour.delayMs > 0) await sleep(behaviour.delayMs);
    const hosted = path.startsWith("/api/v1/");
    try {
      if (hosted) requireBearer(req);
      if (body === null)
        throw hosted
          ? hostedError(400, "Request body is not valid JSON")
          : new HttpError(500, { error: "Unexpected token in JSON" });
      const create =
        method === "POST" &&
        ["/api/v1/generate", "/api/v1/lyrics", "/api/custom_generate", "/api/generate_lyrics"].includes(path);
      const musicCreate = method === "POST" && (path === "/api/v1/generate" || path === "/api/custom_generate");
      const fault = musicCreate ? faultIn(body) : null;
      const counted = fault ? countedFaults[fault.name] : undefined;
      let faultCreate: Behaviour["create"] | "busy" | null = null;
      if (fault && counted) {
        const seen = faultCreates.get(fault.key) ?? 0;
        faultCreates.set(fault.key, seen + 1);
        if (seen < counted.creates) faultCreate = counted.create;
      }
      if (musicCreate && (faultCreate === "busy" || (!fault && behaviour.busyCreates > 0))) {
        if (!fault) behaviour.busyCreates -= 1;
        throw hosted
          ? hostedError(430, "Your call frequency is too high. Please try again later.", 200, { "retry-after": "1" })
          : new HttpError(429, { error: "Too many requests, slow down." }, { "retry-after": "1" });
      }
      if (create) {
        const createBehaviour =
          faultCreate && faultCreate !== "busy"
            ? faultCreate
            : fault
              ? { ...behaviour, ...taskFaults[fault.name] }.create
              : behaviour.create;
        const outcome = await applyCreateBehaviour(hosted ? "hosted" : "wrapper", res, createBehaviour);
        // A hung request stays open until the client gives up or the simulator closes.
        if (outcome !== "ok") return;
      }
      const answer = (() => {
        if (method === "POST" && path === "/api/v1/generate") return hostedGenerate(req, body);
        if (method === "GET" && path === "/api/v1/generate/record-info") return hostedRecordInfo(url, "music");
        if (method === "GET" && path === "/api/v1/generate/credit") return ok(100);
        if (method === "POST" && path === "/api/v1/lyrics") return hostedLyrics(req, body);
        if (method === "GET" && path === "/api/v1/lyrics/record-info") return hostedRecordInfo(url, "lyrics");
        if (method === "POST" && path === "/api/custom_generate") return wrapperGenerate(req, body);
        if (method === "GET" && path === "/api/get") return wrapperGet(url);
        if (method === "POST" && path === "/api/generate_lyrics") return wrapperLyrics(req, body);
        if (method === "GET" && path === "/api/get_limit")
          return { credits_left: 50, period: "day", monthly_limit: 50, monthly_usage: 0 };
        if (path === "/api/forbidden") throw new HttpError(403, { error: "Forbidden" });
        throw hosted ? hostedError(404, "Not Found", 404) : new HttpError(404, { error: "Not Found" });
      })();
      send(res, 200, answer);
    } catch (err) {
      if (err instanceof HttpError) return send(res, err.status, err.body, err.headers);
      throw err;
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        send(res, 500, { error: `simulator bug: ${err instanceof Error ? err.message : String(err)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // Hung requests and keep-alive sockets would otherwise hold close() forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sim = await startSunoSimulator({ port: Number(process.env.PORT ?? 8788) });
  console.log(`Suno simulator on ${sim.url} (hosted /api/v1/*, wrapper /api/*, control /__sim/*)`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
