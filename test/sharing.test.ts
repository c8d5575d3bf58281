import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { escapeXml } from "../worker/gifts/text";
import { withSecurityHeaders } from "../worker/security";
import { call, json, orderJob, signUp, sim, waitForStatus } from "./helpers";

describe("sharing a take: share page, partner embeds, oEmbed", () => {
  let owner: string;
  let other: string;
  let trackId: string;
  let jobId: string;

  beforeAll(async () => {
    await sim("/__sim/reset", {});
    ({ token: owner } = await signUp());
    ({ token: other } = await signUp());
    const job = await orderJob(owner);
    jobId = job.id;
    trackId = (await waitForStatus(owner, job.id, ["SUCCEEDED"])).takes[0].trackId;
  });

  it("is off until the owner shares, and only the owner can share or stop", async () => {
    expect((await call(`/api/public/tracks/${trackId}?t=guess`)).status).toBe(404);
    expect((await call(`/api/tracks/${trackId}/share`, { method: "POST", token: other })).status).toBe(404);
    expect((await call(`/api/tracks/${trackId}/share`, { method: "POST" })).status).toBe(401);
    const share = await json(await call(`/api/tracks/${trackId}/share`, { method: "POST", token: owner }));
    expect(share.shareUrl).toBe(`http://refrain.test/s/${trackId}?t=${encodeURIComponent(share.token)}`);
    expect(share.embedHtml).toContain(`/embed/${trackId}?t=`);
    // The frame is named after its song, for a screen reader on the partner's page.
    const { title } = await json(await call(`/api/tracks/${trackId}`, { token: owner }));
    expect(title).toBeTruthy();
    expect(share.embedHtml).toContain(`title="${escapeXml(title)} · Refrain"`);
    // Sharing twice gives the same links.
    expect((await json(await call(`/api/tracks/${trackId}/share`, { method: "POST", token: owner }))).token).toBe(
      share.token,
    );

    const pub = await json(await call(`/api/public/tracks/${trackId}?t=${encodeURIComponent(share.token)}`));
    expect(pub.id).toBe(trackId);
    // A short-lived link, shorter than the owner's.
    expect(Date.parse(pub.expiresAt) - Date.now()).toBeLessThanOrEqual(
      Number(env.EMBED_LINK_TTL_SECONDS) * 1000 + 1000,
    );
    const audio = await call(pub.streamUrl, { headers: { range: "bytes=0-9" } });
    expect(audio.status).toBe(206);
    // Everything else keeps its ownership rules.
    expect((await call(`/api/tracks/${trackId}`, { token: other })).status).toBe(404);
    expect((await call(`/api/tracks/${trackId}/links`, { token: other })).status).toBe(404);
    expect((await call(`/api/jobs/${jobId}`, { token: other })).status).toBe(404);

    const oembed = await json(await call(`/api/oembed?url=${encodeURIComponent(share.shareUrl)}&maxwidth=400`));
    expect(oembed).toMatchObject({ version: "1.0", type: "rich", width: 400, height: 120 });
    expect(oembed.html).toContain(`/embed/${trackId}?t=`);
    expect(oembed.html).toContain(`title="${escapeXml(title)} · Refrain"`);
    expect(
      (await call(`/api/oembed?url=${encodeURIComponent(`http://refrain.test/s/${trackId}?t=nope`)}`)).status,
    ).toBe(404);

    expect((await call(`/api/tracks/${trackId}/share`, { method: "DELETE", token: other })).status).toBe(404);
    expect((await call(`/api/tracks/${trackId}/share`, { method: "DELETE", token: owner })).status).toBe(204);
    expect((await call(`/api/public/tracks/${trackId}?t=${encodeURIComponent(share.token)}`)).status).toBe(404);
  });

  it("lets only partner origins frame the embed page, and nobody frame the others", () => {
    const e = { ...env, EMBED_ORIGINS: "https://partner.example http://127.0.0.1:9999 javascript:bad" } as Env;
    const html = () => new Response("<!doctype html>", { headers: { "content-type": "text/html; charset=utf-8" } });
    const embed = withSecurityHeaders(e, "/embed/trk_1", html(), "n0nce");
    expect(embed.headers.get("content-security-policy")).toContain(
      "; frame-ancestors 'self' https://partner.example http://127.0.0.1:9999",
    );
    expect(embed.headers.get("x-frame-options")).toBeNull();
    const page = withSecurityHeaders(e, "/fr/songs", html(), "n0nce");
    expect(page.headers.get("content-security-policy")).toContain("; frame-ancestors 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
  });
});
