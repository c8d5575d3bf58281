// The API's shapes, as its OpenAPI document (/api/openapi.json) describes them.
export interface ApiUser {
  id: string;
  email: string | null;
  role: "user" | "admin";
}
export interface ApiSession {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  user: ApiUser;
}
export type JobStatus = "QUEUED" | "WRITING_LYRICS" | "LYRICS_READY" | "GENERATING_MUSIC" | "POSTPROCESSING" | "DELIVERING" | "SUCCEEDED" | "FAILED" | "CANCELED" | "TIMED_OUT";
export const terminal: JobStatus[] = ["SUCCEEDED", "FAILED", "CANCELED", "TIMED_OUT"];
export interface ApiLyrics {
  title: string;
  sections: { kind: string; lines: string[] }[];
}
export interface ApiTake {
  trackId: string;
  takeIndex: number;
  format: string;
  durationSeconds: number | null;
  sizeBytes: number;
  chosen: boolean;
}
export interface ApiJob {
  id: string;
  status: JobStatus;
  mode: "context" | "custom";
  projectId: string | null;
  title: string | null;
  credits: number;
  provider: string | null;
  error: { code: string; message: string } | null;
  lyrics: ApiLyrics | null;
  takes: ApiTake[];
  chosenTrackId: string | null;
  approveLyrics: boolean;
  drafts: number;
  parentJobId: string | null;
  request: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  deadlineAt: string;
  finishedAt: string | null;
}
export interface ApiJobEvent {
  seq: number;
  type: string;
  status: JobStatus;
  data: unknown;
  at: string;
}
export interface ApiLinks {
  streamUrl: string;
  downloadUrl: string;
  wavDownloadUrl: string | null;
  expiresAt: string;
}
export interface ApiShare {
  token: string;
  shareUrl: string;
  embedUrl: string;
  embedHtml: string;
  oembedUrl: string;
}
export interface ApiCredits {
  balance: number;
  reserved: number;
  available: number;
  ledger: { id: string; kind: "grant" | "hold" | "capture" | "release"; amount: number; reason: string; jobId: string | null; createdAt: string }[];
}
export interface ApiPublicTrack {
  id: string;
  title: string | null;
  durationSeconds: number | null;
  streamUrl: string;
  expiresAt: string;
}
export interface ApiGift {
  id: string;
  jobId: string;
  trackId: string;
  recipientName: string;
  senderName: string | null;
  message: string;
  allowDownload: boolean;
  locale: "fr" | "en";
  plays: number;
  url: string;
  coverUrl: string;
  revokedAt: string | null;
  createdAt: string;
}
export interface ApiPublicGift {
  recipientName: string;
  senderName: string | null;
  message: string;
  locale: "fr" | "en";
  title: string | null;
  durationSeconds: number | null;
  lyrics: ApiLyrics | null;
  lyricsLanguage: "fr" | "en";
  timings: { section: number; line: number; startSec: number; endSec: number }[] | null;
  streamUrl: string;
  downloadUrl: string | null;
  expiresAt: string;
  coverUrl: string;
}
