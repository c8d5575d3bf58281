import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// As on Modal, where each container is its own process over one Volume: two gateway processes share one state
// folder, and whichever answers a call must know a track the other accepted and rendered.
const TOKEN = "engine-process-test-token";
const fixture = fileURLToPath(new URL("../../test-fixtures/gateway-process.ts", import.meta.url));
const processes: ChildProcess[] = [];
const urls: string[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function startGateway(dataDir: string): Promise<string> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", fixture], {
    env: {
      ...process.env,
      ENGINE_TOKEN: TOKEN,
      ENGINE_PORT: String(port),
      ENGINE_PUBLIC_URL: url,
      ENGINE_DATA_DIR: dataDir,
      ENGINE_CONCURRENCY: "1",
      ENGINE_MAX_QUEUE: "4",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  processes.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`gateway exited with ${code}`)));
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
  });
  return url;
}

const json = async (res: Response): Promise<any> => res.json();
const call = (g: number, path: string, init: RequestInit = {}) =>
  fetch(`${urls[g]}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      "content-type": "application/json",
      ...(init.headers as Record<string, string>),
    },
  });
const submit = (g: number, durationSeconds = 10) =>
  call(g, "/v1/tracks", {
    method: "POST",
    body: JSON.stringify({
      lyrics: null,
      styleTags: ["pop"],
      durationSeconds,
      vocal: "instrumental",
      language: "fr",
      seed: 7,
    }),
  });
async function until(g: number, id: string, statuses: string[]) {
  for (;;) {
    const res = await call(g, `/v1/tracks/${id}`);
    expect(res.status).toBe(200);
    const track = await json(res);
    if (statuses.includes(track.status)) return track;
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "engine-processes-"));
  urls.push(...(await Promise.all([startGateway(dataDir), startGateway(dataDir)])));
});
afterAll(async () => {
  await Promise.all(
    processes.map(
      (p) =>
        new Promise((resolve) => (p.exitCode !== null ? resolve(null) : (p.once("exit", resolve), p.kill("SIGTERM")))),
    ),
  );
});

describe("two gateway processes sharing one state folder", () => {
  for (const [made, asked, played] of [
    [0, 1, 1],
    [1, 0, 0],
    [0, 1, 0],
    [1, 1, 0],
  ] as const)
    it(`serve a track created on process ${made}: status from process ${asked}, audio from process ${played}`, async () => {
      const created = await json(await submit(made));
      expect(["queued", "running"]).toContain(created.status);
      const seen = await json(await call(asked, `/v1/tracks/${created.id}`));
      expect(["queued", "running", "succeeded"]).toContain(seen.status);
      const done = await until(asked, created.id, ["succeeded", "failed"]);
      expect(done.status).toBe("succeeded");
      expect(done.result.durationSeconds).toBeGreaterThan(0);

      const mp3 = await call(played, `/v1/tracks/${created.id}/audio?format=mp3`);
      expect(mp3.status).toBe(200);
      expect([...new Uint8Array(await mp3.arrayBuffer()).slice(0, 2)]).toEqual([0xff, 0xfb]);
      const wav = await call(played, `/v1/tracks/${created.id}/audio?format=wav`);
      expect(wav.status).toBe(200);
      expect(new TextDecoder().decode(new Uint8Array(await wav.arrayBuffer()).slice(0, 4))).toBe("RIFF");
      // The signed link a process hands out is served by the other one too.
      const link = new URL(done.result.audio.mp3);
      expect((await fetch(`${urls[1 - asked]}${link.pathname}${link.search}`)).status).toBe(200);
    });

  it("lets either process cancel a track the other is rendering, and both then say so", async () => {
    const created = await json(await submit(0, 200));
    await until(0, created.id, ["running"]);
    const canceled = await json(await call(1, `/v1/tracks/${created.id}`, { method: "DELETE" }));
    expect(canceled.status).toBe("canceled");
    await new Promise((r) => setTimeout(r, 2_500));
    for (const g of [0, 1]) expect((await json(await call(g, `/v1/tracks/${created.id}`))).status).toBe("canceled");
  });

  it("answers 404 on both for a track neither knows", async () => {
    for (const g of [0, 1])
      expect((await call(g, `/v1/tracks/trk_00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });
});
