import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EngineTrack, EngineTrackStatus } from "../../../domain/engine-gateway";
import type { RenderRequest, RenderResult } from "../pipeline/contract";
import type { EngineConfig } from "./config";

export const ENGINE_MODEL = "refrain-builtin";
export const ENGINE_VERSION = "1";
/** How often a gateway rewrites the records of the renders it holds, to say it is still at them. */
export const HEARTBEAT_MS = 5_000;
/** A render whose record has not been rewritten for this long was left by a gateway that stopped. */
export const ORPHANED_AFTER_MS = 30_000;

/** Whether a track's render is still to be made or being made. */
export const inFlight = (record: { status: EngineTrackStatus }) =>
  record.status === "queued" || record.status === "running";

interface TrackRecord {
  id: string;
  status: EngineTrackStatus;
  stage: string | null;
  progress: number;
  error: { code: string; message: string } | null;
  result: Omit<RenderResult, "wav" | "mp3"> | null;
  callbackUrl: string | null;
  createdAt: number;
  finishedAt: number | null;
  /** When its gateway last wrote it; absent from records written before there was one. */
  heartbeatAt?: number;
  request: RenderRequest;
}

/**
 * Tracks and their audio, as files under dataDir: each record is `<id>.json`, rewritten whole (write then rename)
 * at every change, so several gateways sharing the folder (a Modal Volume) answer for each other's tracks. The
 * gateway rendering a track keeps it in memory too and is the only writer of its record.
 */
export class TrackStore {
  private readonly tracks = new Map<string, TrackRecord>();
  constructor(private readonly config: EngineConfig) {}

  async init(): Promise<void> {
    await mkdir(this.config.dataDir, { recursive: true });
  }

  create(request: RenderRequest, callbackUrl: string | null): TrackRecord {
    const record: TrackRecord = {
      id: `trk_${randomUUID()}`,
      status: "queued",
      stage: null,
      progress: 0,
      error: null,
      result: null,
      callbackUrl,
      createdAt: Date.now(),
      finishedAt: null,
      request,
    };
    this.tracks.set(record.id, record);
    this.save(record);
    return record;
  }

  /**
   * This gateway's own record, else the one another gateway wrote (read afresh: it may have moved on). A render
   * that gateway stopped writing about (it crashed, or was stopped mid-render) is failed: no one will finish it,
   * and whoever waits for it had better ask again elsewhere than wait for its deadline.
   */
  get(id: string, now = Date.now()): TrackRecord | undefined {
    const own = this.tracks.get(id);
    if (own) return own;
    const record = this.read(id);
    if (!record || !inFlight(record)) return record;
    const lastSeen = record.heartbeatAt ?? record.createdAt;
    if (now - lastSeen <= ORPHANED_AFTER_MS) return record;
    return {
      ...record,
      status: "failed",
      error: { code: "interrupted", message: "The gateway rendering this track stopped before it finished" },
      finishedAt: lastSeen,
    };
  }

  /** Rewrites the records of the renders this gateway holds, so that other gateways know it is still at them. */
  beat(): void {
    for (const record of this.tracks.values()) if (inFlight(record)) this.save(record);
  }

  /** The record as last written, whoever wrote it. */
  read(id: string): TrackRecord | undefined {
    if (!/^trk_[0-9a-f-]{36}$/.test(id)) return undefined;
    try {
      return JSON.parse(readFileSync(this.recordFile(id), "utf8")) as TrackRecord;
    } catch {
      return undefined;
    }
  }

  save(record: TrackRecord): void {
    record.heartbeatAt = Date.now();
    const file = this.recordFile(record.id);
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(record));
    renameSync(`${file}.${process.pid}.tmp`, file);
  }

  /** Stops answering from memory for a track whose record another gateway now owns. */
  release(id: string): void {
    this.tracks.delete(id);
  }

  forget(id: string): void {
    this.tracks.delete(id);
    void rm(this.recordFile(id), { force: true });
  }

  private recordFile(id: string): string {
    return join(this.config.dataDir, `${id}.json`);
  }

  file(id: string, format: "mp3" | "wav"): string {
    return join(this.config.dataDir, `${id}.${format}`);
  }

  async saveResult(id: string, result: RenderResult): Promise<void> {
    await Promise.all([writeFile(this.file(id, "mp3"), result.mp3), writeFile(this.file(id, "wav"), result.wav)]);
    const { wav: _wav, mp3: _mp3, ...meta } = result;
    const record = this.tracks.get(id);
    if (record) record.result = meta;
  }

  /** Drops finished tracks past retention, with their files. */
  async sweep(now = Date.now()): Promise<void> {
    for (const record of [...this.tracks.values()]) {
      if (record.finishedAt && now - record.finishedAt > this.config.retentionMs) {
        this.tracks.delete(record.id);
        await Promise.all(
          [this.recordFile(record.id), this.file(record.id, "mp3"), this.file(record.id, "wav")].map((f) =>
            rm(f, { force: true }),
          ),
        );
      }
    }
  }

  private signature(id: string, format: string, expires: number): string {
    return createHmac("sha256", this.config.token).update(`${id}:${format}:${expires}`).digest("base64url");
  }

  /** Download links carry their own expiring signature, so the platform fetches them without our token. */
  audioUrl(id: string, format: "mp3" | "wav", expires: number): string {
    const url = new URL(`/v1/tracks/${id}/audio`, this.config.publicUrl);
    url.searchParams.set("format", format);
    url.searchParams.set("exp", String(expires));
    url.searchParams.set("sig", this.signature(id, format, expires));
    return url.toString();
  }

  verifyAudioUrl(id: string, format: string, expires: number, sig: string): boolean {
    const expected = Buffer.from(this.signature(id, format, expires));
    const given = Buffer.from(sig);
    return expires * 1000 > Date.now() && expected.length === given.length && timingSafeEqual(expected, given);
  }

  view(record: TrackRecord): EngineTrack {
    const expires = Math.floor(Date.now() / 1000) + 3600;
    return {
      id: record.id,
      status: record.status,
      stage: record.stage,
      progress: record.progress,
      error: record.error,
      createdAt: new Date(record.createdAt).toISOString(),
      result:
        record.status === "succeeded" && record.result
          ? {
              durationSeconds: record.result.durationSeconds,
              sampleRate: record.result.sampleRate,
              loudnessLufs: record.result.loudnessLufs,
              truePeakDbtp: record.result.truePeakDbtp,
              style: record.result.style,
              tempo: record.result.tempo,
              key: record.result.key,
              lyrics: record.result.lyrics,
              timings: record.result.timings,
              model: ENGINE_MODEL,
              version: ENGINE_VERSION,
              audio: { mp3: this.audioUrl(record.id, "mp3", expires), wav: this.audioUrl(record.id, "wav", expires) },
              expiresAt: new Date(expires * 1000).toISOString(),
            }
          : null,
    };
  }
}
