import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { signMediaLink } from "../worker/media";
import { call, json, orderJob, signUp, sim, waitForStatus } from "./helpers";

describe("signed media links", () => {
  let token: string;
  let take: { trackId: string; sizeBytes: number };
  let links: { streamUrl: string; downloadUrl: string; expiresAt: string };
  let whole: Uint8Array;

  beforeAll(async () => {
    await sim("/__sim/reset", {});
    ({ token } = await signUp());
    const job = await orderJob(token);
    take = (await waitForStatus(token, job.id, ["SUCCEEDED"])).takes[0];
    links = await json(await call(`/api/tracks/${take.trackId}/links`, { token }));
    whole = new Uint8Array(await (await call(links.streamUrl)).arrayBuffer());
  });

  it("streams the whole file with its type, length and ETag, and downloads it as an attachment", async () => {
    const res = await call(links.streamUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/mpeg");
    expect(Number(res.headers.get("content-length"))).toBe(take.sizeBytes);
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    const track = await json(await call(`/api/tracks/${take.trackId}`, { token }));
    expect(res.headers.get("etag")).toBe(`"${track.sha256}"`);
    expect(res.headers.get("content-disposition")).toMatch(/^inline/);
    const download = await call(links.downloadUrl);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.mp3"/);
    expect((await call(links.streamUrl, { headers: { "if-none-match": `"${track.sha256}"` } })).status).toBe(304);
  });

  it("seeks with Range", async () => {
    const res = await call(links.streamUrl, { headers: { range: "bytes=100-199" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 100-199/${take.sizeBytes}`);
    expect(res.headers.get("content-length")).toBe("100");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(whole.slice(100, 200));
    const tail = await call(links.streamUrl, { headers: { range: "bytes=-10" } });
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(whole.slice(-10));
    const open = await call(links.streamUrl, { headers: { range: `bytes=${take.sizeBytes - 5}-` } });
    expect(open.headers.get("content-length")).toBe("5");
    expect((await call(links.streamUrl, { headers: { range: `bytes=${take.sizeBytes}-` } })).status).toBe(416);
  });

  it("refuses tampered and expired links with 403", async () => {
    const url = new URL(links.streamUrl, "http://refrain.test");
    const tampered = [
      (u: URL) => u.searchParams.set("sig", `${u.searchParams.get("sig")!.slice(0, -2)}AA`),
      (u: URL) => u.searchParams.set("exp", String(Number(u.searchParams.get("exp")) + 3600)),
      (u: URL) => u.searchParams.set("disp", "attachment"),
      (u: URL) => (u.pathname = u.pathname.replace(/_0$/, "_1")),
    ];
    for (const change of tampered) {
      const copy = new URL(url);
      change(copy);
      const res = await call(copy.pathname + copy.search);
      expect(res.status, copy.toString()).toBe(403);
      expect((await json(res)).error.code).toBe("forbidden");
    }
    const expired = await signMediaLink(
      env,
      take.trackId,
      "inline",
      Date.now() - 2 * Number(env.MEDIA_LINK_TTL_SECONDS) * 1000,
    );
    const res = await call(expired.url);
    expect(res.status).toBe(403);
    expect((await json(res)).error.message).toMatch(/expired/);
  });
});
