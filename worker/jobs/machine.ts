import { activeStatuses, terminalStatuses, type JobStatus, type TerminalStatus, type Track } from "../../db";
import type { LineTiming, Lyrics, ProviderErrorKind, Take } from "../../providers";

/**
 * A stored take, as the delivery step hands it to the job: a track row without what the job fills in,
 * plus the line timings (kept with the generation) and the take's own engine when it has one.
 */
export type DeliveredTrack = Omit<Track, "jobId" | "userId" | "createdAt" | "provider" | "shareToken"> & {
  timings: LineTiming[] | null;
  provider?: string;
};

/** Everything that can happen to a job. Only the job's Durable Object applies them. */
export type JobInput =
  | { type: "lyrics_started" }
  | { type: "lyrics_written"; lyrics: Lyrics; source: string }
  | { type: "lyrics_drafted"; lyrics: Lyrics; source: string }
  | { type: "lyrics_edited"; lyrics: Lyrics }
  | { type: "redraft" }
  | { type: "lyrics_approved" }
  | { type: "submitted"; provider: string; taskId: string }
  | { type: "progress"; progress?: number; stage?: string }
  | { type: "music_ready" }
  | { type: "takes_ready"; takes: Take[]; model?: string }
  | { type: "delivered"; tracks: DeliveredTrack[] }
  | { type: "failed"; code: string; message: string; errorKind?: ProviderErrorKind }
  | { type: "failover"; provider: string; reason: string }
  | { type: "cancel" }
  | { type: "deadline" };

const active = activeStatuses;

/** The state machine, as a table: which states accept each input, and where it leads ("stay" records without moving). */
export const machine: Record<JobInput["type"], { from: readonly JobStatus[]; to: JobStatus | "stay" }> = {
  lyrics_started: { from: ["QUEUED"], to: "WRITING_LYRICS" },
  lyrics_written: { from: ["QUEUED", "WRITING_LYRICS"], to: "GENERATING_MUSIC" },
  // Orders that asked to approve their lyrics wait for the person between the lyrics and the music.
  lyrics_drafted: { from: ["QUEUED", "WRITING_LYRICS"], to: "LYRICS_READY" },
  lyrics_edited: { from: ["LYRICS_READY"], to: "stay" },
  // A new draft goes back to the writer: the other move back, like a failover.
  redraft: { from: ["LYRICS_READY"], to: "WRITING_LYRICS" },
  lyrics_approved: { from: ["LYRICS_READY"], to: "GENERATING_MUSIC" },
  submitted: { from: ["GENERATING_MUSIC"], to: "stay" },
  progress: { from: ["GENERATING_MUSIC"], to: "stay" },
  music_ready: { from: ["GENERATING_MUSIC"], to: "POSTPROCESSING" },
  takes_ready: { from: ["POSTPROCESSING"], to: "DELIVERING" },
  delivered: { from: ["DELIVERING"], to: "SUCCEEDED" },
  failed: { from: active, to: "FAILED" },
  // The one move back: the order starts its music again on the next engine, with the same held credits.
  failover: { from: ["GENERATING_MUSIC", "POSTPROCESSING", "DELIVERING"], to: "GENERATING_MUSIC" },
  cancel: { from: active, to: "CANCELED" },
  deadline: { from: active, to: "TIMED_OUT" },
};

export const isTerminal = (status: JobStatus): status is TerminalStatus => (terminalStatuses as readonly JobStatus[]).includes(status);

/** What the credits do when a job reaches a terminal state: paid on success, given back otherwise. */
export const settlementFor = (status: TerminalStatus): "capture" | "release" => (status === "SUCCEEDED" ? "capture" : "release");

/** Failures another engine may not repeat: everything but a refusal of the request itself. */
export const canFailOver = (input: JobInput) => input.type === "failed" && input.errorKind !== undefined && input.errorKind !== "rejected" && input.errorKind !== "unauthenticated";

export type Decision = { accepted: true; next: JobStatus; settle: "capture" | "release" | null } | { accepted: false; reason: string };

export function decide(current: { status: JobStatus; providerTaskId: string | null }, input: JobInput): Decision {
  const rule = machine[input.type];
  if (!rule.from.includes(current.status)) return { accepted: false, reason: `${input.type} does not apply to a ${current.status} job` };
  // A task id is set once: a second submission (a re-delivered message) must not replace the task being followed.
  if (input.type === "submitted" && current.providerTaskId) return { accepted: false, reason: "a task is already submitted" };
  const next = rule.to === "stay" ? current.status : rule.to;
  return { accepted: true, next, settle: isTerminal(next) ? settlementFor(next) : null };
}
