import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProviderError } from "../../providers";
import { audioHosts, fetchProviderAudio, RefusedUrl } from "./safe-fetch";

const mp3 = () => new Uint8Array([0xff, 0xfb, 0x90, 0x64, ...new Array(413).fill(0)]);
const withHosts = (hosts: string, extra: Partial<Env> = {}) => ({ ...env, AUDIO_FETCH_HOSTS: hosts, ...extra }) as Env;

/** Answers from a table instead of the network, and records what was asked. */
function network(answers: Record<string, () => Response>) {
  const asked: string[] = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    asked.push(url);
    expect(init?.redirect).toBe("manual");
    const answer = answers[url];
    if (!answer) throw new TypeError(`no network in this test: ${url}`);
    return answer();
  });
  return asked;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("downloading an engine's audio", () => {
  it("allows the configured engines' own hosts, with their ports, and the listed CDNs", () => {
    const hosts = audioHosts(withHosts("*.suno.ai cdn.example.net"));
    expect(hosts).toEqual(
      expect.arrayContaining([
        new URL(env.ENGINE_URL).host,
        new URL(env.SUNO_API_BASE_URL).host,
        new URL(env.MUBERT_BASE_URL).host,
        "*.suno.ai",
        "cdn.example.net",
      ]),
    );
  });

  it("allows the CDNs of the engines that are on, from their descriptors, and not those of engines that are off", () => {
    const withSuno = audioHosts(withHosts(""));
    expect(withSuno).toEqual(expect.arrayContaining(["*.suno.ai", "*.suno.com", "*.mubert.com"]));
    const withoutSuno = audioHosts(
      withHosts("", { SUNO_API_BASE_URL: "", SUNO_WRAPPER_BASE_URL: "", MUBERT_BASE_URL: "" }),
    );
    expect(withoutSuno).not.toContain("*.suno.ai");
    expect(withoutSuno).not.toContain("*.mubert.com");
    expect(withoutSuno).toContain(new URL(env.ENGINE_URL).host);
  });

  it("refuses, before any request, addresses outside the allowlist, plain HTTP off this machine and credentials", async () => {
    const asked = network({});
    const e = withHosts("*.suno.ai cdn.example.net");
    const refused = [
      "http://169.254.169.254/latest/meta-data/",
      "http://127.0.0.1:1/take.mp3",
      `${env.ENGINE_URL.replace(/:(\d+)$/, (_, p) => `:${Number(p) + 1}`)}/take.mp3`,
      "http://cdn.example.net/take.mp3",
      "https://suno.ai.evil.example/take.mp3",
      "https://cdn1.suno.ai:8443/take.mp3",
      "https://user:pw@cdn1.suno.ai/take.mp3",
      "ftp://cdn.example.net/take.mp3",
      "file:///etc/passwd",
      "not a url",
    ];
    for (const url of refused) await expect(fetchProviderAudio(e, url), url).rejects.toBeInstanceOf(RefusedUrl);
    expect(asked).toEqual([]);
  });

  it("downloads from an allowed CDN, following a redirect only to another allowed host", async () => {
    const asked = network({
      "https://cdn1.suno.ai/a.mp3": () =>
        new Response(null, { status: 302, headers: { location: "https://cdn2.suno.ai/a.mp3" } }),
      "https://cdn2.suno.ai/a.mp3": () => new Response(mp3(), { headers: { "content-type": "audio/mpeg" } }),
    });
    const download = await fetchProviderAudio(withHosts("*.suno.ai"), "https://cdn1.suno.ai/a.mp3");
    expect(new Uint8Array(await new Response(download.body).arrayBuffer())).toEqual(mp3());
    expect(asked).toEqual(["https://cdn1.suno.ai/a.mp3", "https://cdn2.suno.ai/a.mp3"]);
  });

  it("refuses a redirect to a host that is not allowed, without following it", async () => {
    const asked = network({
      "https://cdn1.suno.ai/a.mp3": () =>
        new Response(null, { status: 301, headers: { location: "http://169.254.169.254/latest/meta-data/" } }),
    });
    await expect(fetchProviderAudio(withHosts("*.suno.ai"), "https://cdn1.suno.ai/a.mp3")).rejects.toBeInstanceOf(
      RefusedUrl,
    );
    expect(asked).toEqual(["https://cdn1.suno.ai/a.mp3"]);
  });

  it("gives up after a few redirects", async () => {
    network({
      "https://cdn1.suno.ai/loop.mp3": () => new Response(null, { status: 307, headers: { location: "/loop.mp3" } }),
    });
    await expect(fetchProviderAudio(withHosts("*.suno.ai"), "https://cdn1.suno.ai/loop.mp3")).rejects.toThrow(
      /too many times/,
    );
  });

  it("refuses what is not audio, a file past AUDIO_MAX_BYTES by its Content-Length, and a file the engine no longer has, as invalid results", async () => {
    network({
      "https://cdn1.suno.ai/page.mp3": () => new Response("<html>", { headers: { "content-type": "text/html" } }),
      "https://cdn1.suno.ai/big.mp3": () =>
        new Response(new Uint8Array(2048), { headers: { "content-type": "audio/mpeg", "content-length": "2048" } }),
      "https://cdn1.suno.ai/gone.mp3": () => new Response("Not Found", { status: 404 }),
      "https://cdn1.suno.ai/down.mp3": () => new Response("Bad Gateway", { status: 502 }),
      "https://cdn1.suno.ai/chunked.mp3": () =>
        new Response(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(512)) }), {
          headers: { "content-type": "application/octet-stream" },
        }),
    });
    const e = withHosts("*.suno.ai", { AUDIO_MAX_BYTES: "1024" });
    const invalid = { kind: "unavailable", code: "result_invalid" };
    await expect(fetchProviderAudio(e, "https://cdn1.suno.ai/page.mp3")).rejects.toMatchObject({
      ...invalid,
      message: expect.stringMatching(/text\/html/),
    });
    await expect(fetchProviderAudio(e, "https://cdn1.suno.ai/big.mp3")).rejects.toMatchObject({
      ...invalid,
      message: expect.stringMatching(/too large/),
    });
    // Expired: no retry brings it back. A server error may pass: it stays an outage, retried.
    await expect(fetchProviderAudio(e, "https://cdn1.suno.ai/gone.mp3")).rejects.toMatchObject(invalid);
    const down = fetchProviderAudio(e, "https://cdn1.suno.ai/down.mp3");
    await expect(down).rejects.toBeInstanceOf(ProviderError);
    await expect(down).rejects.toMatchObject({ code: undefined });
    // Without a length, the reader holds the limit (storeAudio refuses past it: test/delivery-memory.test.ts).
    const endless = await fetchProviderAudio(e, "https://cdn1.suno.ai/chunked.mp3");
    expect(endless).toMatchObject({ length: null, maxBytes: 1024 });
    await endless.body.cancel();
  });
});
