// Test fixture: the smallest music engine there is, for the "add an engine" example (test/fixtures/fake-engine):
// POST /songs starts a song, GET /songs/:id tells its state, DELETE /songs/:id stops it, /files/:id.mp3 is the
// audio. Tests drive its behaviour over /__sim/*.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// A silent MPEG-1 Layer III frame (128 kbps, 44.1 kHz), repeated: a valid, playable MP3.
const frame = Buffer.alloc(417);
frame.set([0xff, 0xfb, 0x90, 0x64]);
const audio = Buffer.concat(Array.from({ length: 100 }, () => frame));

/** refuse: 422 on create; down: 503; busy: 429 with Retry-After; broken: songs end "done" without a file. */
type Mode = "ok" | "refuse" | "down" | "busy" | "broken";

export async function startFakeEngineSimulator(): Promise<{ url: string; close(): Promise<void> }> {
  const songs = new Map<string, { polls: number; stopped: boolean }>();
  let mode: Mode = "ok";
  let url = "";
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    const path = new URL(req.url ?? "/", "http://sim").pathname;
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      if (path === "/__sim/reset") return ((mode = "ok"), songs.clear(), send(200, { mode }));
      if (path === "/__sim/mode") return ((mode = JSON.parse(text).mode), send(200, { mode }));
      if (path.startsWith("/files/"))
        return res.writeHead(200, { "content-type": "audio/mpeg", "content-length": audio.length }).end(audio);
      if (req.method === "POST" && path === "/songs") {
        if (mode === "refuse") return send(422, { reason: "words refused" });
        if (mode === "down") return send(503, { reason: "maintenance" });
        if (mode === "busy") return send(429, { reason: "slow down" }, { "retry-after": "2" });
        const id = randomUUID();
        songs.set(id, { polls: 0, stopped: false });
        return send(201, { id });
      }
      const match = /^\/songs\/([^/]+)$/.exec(path);
      const song = match && songs.get(match[1]!);
      if (!song) return send(404, { reason: "unknown song" });
      if (req.method === "DELETE") return ((song.stopped = true), send(200, {}));
      song.polls += 1;
      // Two calls in progress ("queued", then "singing"), then done.
      const state = song.stopped ? "stopped" : song.polls === 1 ? "queued" : song.polls === 2 ? "singing" : "done";
      send(200, {
        id: match[1],
        state,
        file: state === "done" && mode !== "broken" ? `${url}/files/${match[1]}.mp3` : null,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
