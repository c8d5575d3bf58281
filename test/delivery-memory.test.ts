import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { storeAudio } from "../worker/queues/delivery-step";

const FILE_BYTES = 50 * 1024 * 1024;
const cdn = inject("largeAudioUrl");
const withCdn = { ...env, AUDIO_FETCH_HOSTS: new URL(cdn).host } as Env;

interface Reading {
  processes: { pid: number; rssKb: number; peakKb: number }[];
}
const meter = async (path: "/memory/reset" | "/memory"): Promise<Reading> => (await fetch(`${cdn}${path}`)).json();

/** The most any workerd process's resident memory rose above where it stood when `run` began. */
async function addedMemory(run: () => Promise<unknown>): Promise<number> {
  const before = await meter("/memory/reset");
  expect(before.processes.length).toBeGreaterThan(0);
  await run();
  const after = await meter("/memory");
  return Math.max(
    ...after.processes.map(
      (p) => (p.peakKb - (before.processes.find((b) => b.pid === p.pid)?.rssKb ?? p.peakKb)) * 1024,
    ),
  );
}

async function sha256(stream: ReadableStream<Uint8Array>): Promise<string> {
  const digest = new crypto.DigestStream("SHA-256");
  await stream.pipeTo(digest);
  return [...new Uint8Array(await digest.digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// Peak memory is read from outside workerd (/proc, see test/simulators/large-audio.ts): these measure
// the whole process, so they run alone in this file.
describe("delivering a 50 MB take", () => {
  const expected = async () => (await fetch(`${cdn}/sha256/${FILE_BYTES}`)).text();
  const variants = [
    ["with a Content-Length", ""],
    ["without one (R2 multipart)", "?unsized"],
  ] as const;

  it.each(variants)(
    "stores it in R2 %s, every byte right",
    async (_, query) => {
      const job = { id: `job_${crypto.randomUUID()}`, userId: "usr_memory" };
      const stored = await storeAudio(withCdn, job, 0, `${cdn}/audio/${FILE_BYTES}.mp3${query}`);
      const want = await expected();
      expect(stored).toMatchObject({
        sizeBytes: FILE_BYTES,
        sha256: want,
        contentType: "audio/mpeg",
        info: { format: "mp3" },
      });
      const object = await env.AUDIO.get(stored.r2Key);
      expect(object?.size).toBe(FILE_BYTES);
      expect(object?.httpMetadata?.contentType).toBe("audio/mpeg");
      expect(await sha256(object!.body)).toBe(want);
    },
    120_000,
  );

  it.each(variants)(
    "holds well under the file while storing it %s",
    async (label, query) => {
      const job = { id: `job_${crypto.randomUUID()}`, userId: "usr_memory" };
      const added = await addedMemory(() => storeAudio(withCdn, job, 0, `${cdn}/audio/${FILE_BYTES}.mp3${query}`));
      console.log(`50 MB delivered ${label}: workerd peak +${(added / 1048576).toFixed(1)} MB`);
      expect(added).toBeLessThan(32 * 1024 * 1024);
    },
    120_000,
  );

  it("would see a delivery that holds the file whole (the meter's own check)", async () => {
    const added = await addedMemory(async () => {
      const bytes = await (await fetch(`${cdn}/audio/${FILE_BYTES}.mp3`)).arrayBuffer();
      expect(bytes.byteLength).toBe(FILE_BYTES);
    });
    console.log(`50 MB read whole: workerd peak +${(added / 1048576).toFixed(1)} MB`);
    expect(added).toBeGreaterThan(FILE_BYTES);
  }, 120_000);

  it("fails a delivery whose download is cut short of its Content-Length, leaving nothing in R2", async () => {
    const job = { id: `job_${crypto.randomUUID()}`, userId: "usr_memory" };
    await expect(
      storeAudio(withCdn, job, 0, `${cdn}/audio/${8 * 1024 * 1024}.mp3?cut=${3 * 1024 * 1024}`),
    ).rejects.toThrow();
    expect((await env.AUDIO.list({ prefix: `users/usr_memory/jobs/${job.id}/` })).objects).toEqual([]);
  }, 60_000);

  it("refuses a file past AUDIO_MAX_BYTES while streaming it, leaving nothing in R2", async () => {
    const job = { id: `job_${crypto.randomUUID()}`, userId: "usr_memory" };
    const small = { ...withCdn, AUDIO_MAX_BYTES: String(4 * 1024 * 1024) } as Env;
    await expect(storeAudio(small, job, 0, `${cdn}/audio/${8 * 1024 * 1024}.mp3?unsized`)).rejects.toThrow(/too large/);
    await expect(storeAudio(small, job, 0, `${cdn}/audio/${8 * 1024 * 1024}.mp3`)).rejects.toThrow(/too large/);
    expect((await env.AUDIO.list({ prefix: `users/usr_memory/jobs/${job.id}/` })).objects).toEqual([]);
  }, 60_000);
});
