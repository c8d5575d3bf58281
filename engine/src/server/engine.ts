import type { RenderPool } from "../pool/pool";
import { RenderPool as Pool } from "../pool/pool";
import { createEngineApp } from "./app";
import { sendCallback } from "./callbacks";
import type { EngineConfig } from "./config";
import { HEARTBEAT_MS, TrackStore } from "./tracks";

export type Log = (entry: Record<string, unknown>) => void;
export const jsonLog: Log = (entry) => console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }));

/** The gateway, its pool and its store, wired together; `threadUrl` is the built render thread. */
export async function createEngine(config: EngineConfig, threadUrl: URL, log: Log = jsonLog) {
  const store = new TrackStore(config);
  await store.init();
  const notify = (id: string) => {
    const record = store.get(id);
    if (!record?.callbackUrl || !config.webhookSecret) return;
    const type =
      record.status === "succeeded"
        ? "track.succeeded"
        : record.status === "canceled"
          ? "track.canceled"
          : "track.failed";
    sendCallback(config.webhookSecret, record.callbackUrl, { type, data: { id, status: record.status } }, log);
  };
  const pool: RenderPool = new Pool({
    concurrency: config.concurrency,
    maxQueue: config.maxQueue,
    threadUrl,
    hooks: {
      onStart(id) {
        const record = store.get(id);
        if (record) {
          record.status = "running";
          store.save(record);
        }
        log({ level: "info", msg: "render started", id });
      },
      onProgress(id, stage, fraction) {
        const record = store.get(id);
        if (record && record.status === "running") {
          // Another gateway sharing the folder may have canceled it: stop, and leave its record as written.
          if (store.read(id)?.status === "canceled") {
            store.release(id);
            return void pool.cancel(id);
          }
          record.stage = stage;
          record.progress = Math.max(record.progress, fraction);
          store.save(record);
        }
      },
      onDone(id, outcome) {
        const record = store.get(id);
        if (!record || record.status === "canceled") return;
        if (store.read(id)?.status === "canceled") return store.release(id);
        const finish = () => {
          record.finishedAt = Date.now();
          store.save(record);
          log({
            level: record.status === "succeeded" ? "info" : "warn",
            msg: "render finished",
            id,
            status: record.status,
            error: record.error?.message,
            ms: record.finishedAt - record.createdAt,
          });
          notify(id);
        };
        if (!outcome.ok) {
          record.status = "failed";
          record.error = { code: outcome.code, message: outcome.message };
          return finish();
        }
        store.saveResult(id, outcome.result).then(
          () => {
            record.status = "succeeded";
            record.progress = 1;
            record.stage = null;
            finish();
          },
          (err: unknown) => {
            record.status = "failed";
            record.error = { code: "storage_failed", message: String(err) };
            finish();
          },
        );
      },
    },
  });
  const app = createEngineApp({ pool, store, token: config.token, retryAfterSeconds: 10 });
  const sweeper = setInterval(() => void store.sweep(), 600_000);
  sweeper.unref();
  const heartbeat = setInterval(() => store.beat(), HEARTBEAT_MS);
  heartbeat.unref();
  return {
    app,
    pool,
    store,
    async close(graceMs = 30_000) {
      clearInterval(sweeper);
      clearInterval(heartbeat);
      await pool.shutdown(graceMs);
    },
  };
}
