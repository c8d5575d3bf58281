// Test fixture: a CDN serving large audio files, generated on the fly (never held whole), and a meter of
// the workerd processes' memory. The Worker under test runs in workerd, a child of this vitest process:
// its resident memory (and, between a reset and a reading, its peak) is read from /proc.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const CHUNK = 64 * 1024;

/** Chunk `index` of a file: an MP3 frame header first, then bytes that depend on the position only. */
function chunkAt(index: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = (index * 2654435761 + 1) >>> 0;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  if (index === 0) bytes.set([0xff, 0xfb, 0x90, 0x64]);
  return bytes;
}

function* chunks(total: number) {
  for (let index = 0, sent = 0; sent < total; index++, sent += CHUNK)
    yield chunkAt(index, Math.min(CHUNK, total - sent));
}

const sha256Of = (total: number) => {
  const hash = createHash("sha256");
  for (const chunk of chunks(total)) hash.update(chunk);
  return hash.digest("hex");
};

/** The workerd processes started below this process (vitest runs the Worker's tests in them). */
function workerdProcesses(): number[] {
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      names.set(Number(entry), stat.slice(stat.indexOf("(") + 1, close));
      parents.set(Number(entry), Number(stat.slice(close + 2).split(" ")[1]));
    } catch {
      // The process ended while the table was read.
    }
  }
  const descends = (pid: number): boolean => pid === process.pid || (pid > 1 && descends(parents.get(pid) ?? 0));
  return [...names]
    .filter(([pid, name]) => name.startsWith("workerd") && descends(parents.get(pid) ?? 0))
    .map(([pid]) => pid);
}

const statusKb = (pid: number, field: "VmRSS" | "VmHWM") =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);

export async function startLargeAudioServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const file = /^\/audio\/(\d+)\.mp3$/.exec(url.pathname);
    if (file) {
      const total = Number(file[1]);
      const unsized = url.searchParams.has("unsized");
      // `?cut=N`: the connection drops after N bytes of the announced length (a download cut short).
      const cut = url.searchParams.has("cut") ? Number(url.searchParams.get("cut")) : null;
      res.writeHead(200, { "content-type": "audio/mpeg", ...(unsized ? {} : { "content-length": String(total) }) });
      const source = chunks(cut ?? total);
      const pump = () => {
        for (let next = source.next(); ; next = source.next()) {
          // Cut: the socket closes once what was written is flushed, the response unfinished.
          if (next.done) return void (cut === null ? res.end() : res.socket?.end());
          if (!res.write(next.value)) return void res.once("drain", pump);
        }
      };
      return pump();
    }
    const sum = /^\/sha256\/(\d+)$/.exec(url.pathname);
    if (sum) return void res.writeHead(200, { "content-type": "text/plain" }).end(sha256Of(Number(sum[1])));
    // Peak resident memory restarts from the current one ("5" > clear_refs, Linux ≥ 4.0); then read it back.
    if (url.pathname === "/memory/reset" || url.pathname === "/memory") {
      const reset = url.pathname === "/memory/reset";
      const processes = workerdProcesses().map((pid) => {
        if (reset) writeFileSync(`/proc/${pid}/clear_refs`, "5");
        return { pid, rssKb: statusKb(pid, "VmRSS"), peakKb: statusKb(pid, "VmHWM") };
      });
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ processes }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
