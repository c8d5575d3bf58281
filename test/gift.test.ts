import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { routingConfigSchema } from "../providers";
import { jobStub } from "../worker/jobs";
import { saveRoutingConfig } from "../worker/routing";
import { database, eventsOf, generations, jobs, routingConfigs } from "./db-access";
import {
  call,
  contextOrder,
  credits,
  getJob,
  json,
  order,
  orderJob,
  pastDeadline,
  signUp,
  sim,
  waitForStatus,
} from "./helpers";

const COST = Number(env.CREDITS_PER_SONG);
const db = database(env.DB);
const settlements = (ledger: { kind: string; jobId: string | null }[], jobId: string) =>
  ledger.filter((e) => e.jobId === jobId && (e.kind === "capture" || e.kind === "release")).map((e) => e.kind);
const routeTo = (arm: string, failover: string[]) =>
  saveRoutingConfig(db, routingConfigSchema.parse({ arms: [{ provider: arm, weight: 1 }], failover }), "test");

beforeEach(async () => {
  await sim("/__sim/reset", {});
  await db.delete(routingConfigs);
  await routeTo("suno", []);
});

describe("lyrics approved before the song", () => {
  it("stops with a draft, takes an edit, redrafts up to the limit, then makes the song from the approved lyrics", async () => {
    const { token } = await signUp();
    const created = await orderJob(token, contextOrder({ approveLyrics: true }));
    const draft = await waitForStatus(token, created.id, ["LYRICS_READY"]);
    expect(draft.lyrics.sections.length).toBeGreaterThan(0);
    expect(draft.drafts).toBe(1);
    expect((await credits(token)).reserved).toBe(COST);

    const bad = await call(`/api/jobs/${created.id}/lyrics`, {
      method: "PUT",
      token,
      body: JSON.stringify({ title: "Pour Marie", sections: [{ kind: "chorus", lines: ["x".repeat(130)] }] }),
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((await json(bad)).error.fields)).toEqual(["sections.0.lines.0"]);
    const nameless = await call(`/api/jobs/${created.id}/lyrics`, {
      method: "PUT",
      token,
      body: JSON.stringify({ title: "Pour toi", sections: [{ kind: "chorus", lines: ["Joyeux anniversaire à toi"] }] }),
    });
    expect(nameless.status).toBe(400);
    expect((await json(nameless)).error.message).toContain("Marie");
    const emojiOnly = await call(`/api/jobs/${created.id}/lyrics`, {
      method: "PUT",
      token,
      body: JSON.stringify({ title: "Pour Marie", sections: [{ kind: "chorus", lines: ["Marie", "🎂🎉"] }] }),
    });
    expect(emojiOnly.status).toBe(400);
    expect(Object.keys((await json(emojiOnly)).error.fields)).toEqual(["sections.0.lines.1"]);

    for (let i = 0; i < Number(env.LYRICS_FREE_DRAFTS); i++) {
      expect((await call(`/api/jobs/${created.id}/lyrics/redraft`, { method: "POST", token })).status).toBe(200);
      expect((await waitForStatus(token, created.id, ["LYRICS_READY"])).drafts).toBe(i + 2);
    }
    const tooMany = await call(`/api/jobs/${created.id}/lyrics/redraft`, { method: "POST", token });
    expect(tooMany.status).toBe(409);

    const edited = {
      title: "Pour Marie",
      sections: [
        { kind: "verse", lines: ["Marie surfe au lever du jour"] },
        { kind: "chorus", lines: ["Joyeux anniversaire Marie, mon amour"] },
      ],
    };
    // An emoji in a line is kept out, as the singer leaves it out.
    const withEmoji = {
      ...edited,
      sections: [edited.sections[0]!, { kind: "chorus", lines: [`${edited.sections[1]!.lines[0]} 💕`] }],
    };
    const saved = await call(`/api/jobs/${created.id}/lyrics`, {
      method: "PUT",
      token,
      body: JSON.stringify(withEmoji),
    });
    expect(saved.status).toBe(200);
    expect((await json(saved)).lyrics).toEqual(edited);

    expect((await call(`/api/jobs/${created.id}/lyrics/approve`, { method: "POST", token })).status).toBe(200);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done.status).toBe("SUCCEEDED");
    const tasks = await sim("/__sim/tasks");
    const music = tasks.find(
      (t: { kind: string; request: { callBackUrl?: string } }) =>
        t.kind === "music" && t.request.callBackUrl?.includes(created.id),
    );
    expect(music.request.prompt).toContain("Marie surfe au lever du jour");
    const types = (await eventsOf(db, created.id)).map((e) => e.type);
    expect(types.filter((t) => t === "lyrics_drafted")).toHaveLength(4);
    expect(types).toContain("lyrics_edited");
    expect(types).toContain("lyrics_approved");
    expect(settlements((await credits(token)).ledger, created.id)).toEqual(["capture"]);
  });

  it("expires a draft never approved and refunds it once, even when the alarm fires twice", async () => {
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token, contextOrder({ approveLyrics: true }));
    const draft = await waitForStatus(token, created.id, ["LYRICS_READY"]);
    expect(new Date(draft.deadlineAt).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    await pastDeadline(created.id);
    const stub = jobStub(env, created.id);
    await runDurableObjectAlarm(stub);
    await runDurableObjectAlarm(stub);
    const expired = await getJob(token, created.id);
    expect(expired).toMatchObject({ status: "TIMED_OUT", error: { code: "lyrics_expired" } });
    const after = await credits(token);
    expect(after.balance).toBe(before.balance);
    expect(after.reserved).toBe(0);
    expect(settlements(after.ledger, created.id)).toEqual(["release"]);
    expect((await call(`/api/jobs/${created.id}/lyrics/approve`, { method: "POST", token })).status).toBe(409);
  });
});

describe("a song that forgets the name is never delivered", () => {
  it("retries once on the next engine when the takes lack the name", async () => {
    await routeTo("suno", ["suno", "internal"]);
    await sim("/__sim/behaviour", { ignoreLyrics: true });
    const { token } = await signUp();
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done).toMatchObject({ status: "SUCCEEDED", provider: "internal" });
    expect(settlements((await credits(token)).ledger, created.id)).toEqual(["capture"]);
  });

  it("fails and refunds when the next engine forgets it too", async () => {
    await routeTo("suno", ["suno", "suno-wrapper", "internal"]);
    await sim("/__sim/behaviour", { ignoreLyrics: true });
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done).toMatchObject({ status: "FAILED", error: { code: "name_missing" } });
    expect((await db.select().from(jobs).where(eq(jobs.id, created.id)).get())?.providersTried).toEqual([
      "suno",
      "suno-wrapper",
    ]);
    expect((await credits(token)).balance).toBe(before.balance);
  });
});

describe("one free revision", () => {
  it("makes the first revision free and charges the second, and the ledger says which", async () => {
    const { token } = await signUp();
    const original = await orderJob(token);
    await waitForStatus(token, original.id, ["SUCCEEDED"]);
    const revise = (body: unknown) =>
      call(`/api/jobs/${original.id}/revision`, {
        method: "POST",
        token,
        body: JSON.stringify(body),
        headers: { "idempotency-key": crypto.randomUUID() },
      });
    const before = await credits(token);

    const free = await revise({ styleTags: ["folk"], vocal: "male" });
    expect(free.status).toBe(202);
    const first = await json(free);
    expect(first).toMatchObject({
      parentJobId: original.id,
      credits: 0,
      request: { styleTags: ["folk"], vocal: "male" },
    });
    expect(first.lyrics).toEqual((await getJob(token, original.id)).lyrics);
    await waitForStatus(token, first.id, ["SUCCEEDED"]);

    const paid = await json(await revise({}));
    expect(paid.credits).toBe(COST);
    await waitForStatus(token, paid.id, ["SUCCEEDED"]);
    // The free take's own other take is charged: a free one never gives another.
    const ofFree = await json(
      await call(`/api/jobs/${first.id}/revision`, {
        method: "POST",
        token,
        body: "{}",
        headers: { "idempotency-key": crypto.randomUUID() },
      }),
    );
    expect(ofFree).toMatchObject({ parentJobId: first.id, credits: COST });
    await waitForStatus(token, ofFree.id, ["SUCCEEDED"]);

    const after = await credits(token);
    expect(after.balance).toBe(before.balance - 2 * COST);
    const reasons = after.ledger
      .filter((e) => e.jobId === first.id || e.jobId === paid.id)
      .map((e) => `${e.kind} ${e.amount} ${e.reasonKind} ${e.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        `hold 0 free_revision free revision of ${original.id}`,
        `grant 0 free_revision free revision of ${original.id}`,
        `hold ${COST} revision revision of ${original.id}`,
        `capture ${COST} delivered song delivered`,
      ]),
    );
  });

  it("refuses to revise an order that is not finished, or another user's", async () => {
    await sim("/__sim/behaviour", { outcome: "never" });
    const { token } = await signUp();
    const running = await orderJob(token);
    const refused = await call(`/api/jobs/${running.id}/revision`, {
      method: "POST",
      token,
      body: "{}",
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    expect(refused.status).toBe(409);
    const stranger = await signUp();
    expect(
      (
        await call(`/api/jobs/${running.id}/revision`, {
          method: "POST",
          token: stranger.token,
          body: "{}",
          headers: { "idempotency-key": crypto.randomUUID() },
        })
      ).status,
    ).toBe(404);
    expect((await order(stranger.token)).status).toBe(202);
  });
});

describe("the gift page", () => {
  async function finishedSong(token: string) {
    const created = await orderJob(token, contextOrder({ recipientName: "Maëlys" }));
    return waitForStatus(token, created.id, ["SUCCEEDED"]);
  }
  const give = (token: string, body: Record<string, unknown>) =>
    call("/api/gifts", { method: "POST", token, body: JSON.stringify(body) });
  const tokenOf = (gift: { url: string }) => decodeURIComponent(new URL(gift.url).pathname.split("/").pop()!);

  it("gives a take behind an unguessable link that plays, counts plays and answers 410 once revoked", async () => {
    const { token } = await signUp();
    const song = await finishedSong(token);
    const take = song.takes[1];
    const made = await give(token, {
      trackId: take.trackId,
      message: "Bon anniversaire, ma grande !",
      senderName: "Paul",
      allowDownload: false,
      locale: "en",
    });
    expect(made.status).toBe(201);
    const gift = await json(made);
    expect(gift).toMatchObject({
      jobId: song.id,
      trackId: take.trackId,
      recipientName: "Maëlys",
      senderName: "Paul",
      locale: "en",
      plays: 0,
      revokedAt: null,
    });
    // 256 random bits, base64url, after the shard it names.
    expect(tokenOf(gift)).toMatch(/^0\.[A-Za-z0-9_-]{43}$/);

    const page = await call(`/api/public/gifts/${tokenOf(gift)}`);
    expect(page.status).toBe(200);
    const view = await json(page);
    expect(view).toMatchObject({
      recipientName: "Maëlys",
      message: "Bon anniversaire, ma grande !",
      senderName: "Paul",
      locale: "en",
      downloadUrl: null,
      lyricsLanguage: "fr",
    });
    expect(view.lyrics.sections.flatMap((s: { lines: string[] }) => s.lines).join(" ")).toContain("Maëlys");
    const audio = await call(view.streamUrl);
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toBe("audio/mpeg");

    for (let i = 0; i < 2; i++)
      expect((await call(`/api/public/gifts/${tokenOf(gift)}/plays`, { method: "POST" })).status).toBe(204);
    expect((await json(await call(`/api/gifts/${gift.id}`, { token }))).plays).toBe(2);

    const cover = await call(new URL(gift.coverUrl).pathname);
    expect(cover.headers.get("content-type")).toBe("image/png");
    expect(new DataView(await cover.arrayBuffer()).getUint32(16)).toBe(1200);
    expect(new URL(view.coverUrl).pathname).toBe(new URL(gift.coverUrl).pathname);

    expect((await call(`/api/gifts/${gift.id}`, { method: "DELETE", token })).status).toBe(204);
    expect((await call(new URL(gift.coverUrl).pathname)).status).toBe(410);
    const gone = await call(`/api/public/gifts/${tokenOf(gift)}`);
    expect(gone.status).toBe(410);
    expect((await json(gone)).error.code).toBe("gone");
    expect((await call(`/api/public/gifts/${tokenOf(gift)}/plays`, { method: "POST" })).status).toBe(410);
    expect((await call(`/api/public/gifts/${"x".repeat(43)}`)).status).toBe(404);
  });

  it("gives a download link only when the sender allowed it, and only for finished songs", async () => {
    const { token } = await signUp();
    const song = await finishedSong(token);
    const gift = await json(await give(token, { trackId: song.takes[0].trackId, allowDownload: true }));
    expect(gift.locale).toBe("fr");
    const view = await json(await call(`/api/public/gifts/${tokenOf(gift)}`));
    const download = await call(view.downloadUrl);
    // The name's accent survives in the RFC 5987 form, and the plain form stays ASCII for every client.
    const disposition = download.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.mp3"; filename\*=UTF-8''.*Ma%C3%ABlys.*\.mp3$/);
    // Saved under the song's own title, as the gift page shows it.
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(`${view.title}.mp3`);

    await sim("/__sim/behaviour", { outcome: "never" });
    const running = await orderJob(token);
    const early = await give(token, { trackId: running.id });
    expect(early.status).toBe(404);
    const empty = await give(token, { trackId: song.takes[0].trackId, message: "x".repeat(601) });
    expect(empty.status).toBe(400);
    expect(Object.keys((await json(empty)).error.fields)).toEqual(["message"]);
  });

  it("keeps another person's gifts out of reach", async () => {
    const owner = await signUp();
    const song = await finishedSong(owner.token);
    const gift = await json(await give(owner.token, { trackId: song.takes[0].trackId }));
    const stranger = await signUp();
    expect((await give(stranger.token, { trackId: song.takes[0].trackId })).status).toBe(404);
    expect((await call(`/api/gifts/${gift.id}`, { token: stranger.token })).status).toBe(404);
    expect((await call(`/api/gifts/${gift.id}`, { method: "DELETE", token: stranger.token })).status).toBe(404);
    expect((await json(await call("/api/gifts", { token: stranger.token }))).gifts).toEqual([]);
    expect((await call(`/api/public/gifts/${tokenOf(gift)}`)).status).toBe(200);
    expect(
      (await json(await call(`/api/gifts?jobId=${song.id}`, { token: owner.token }))).gifts.map(
        (g: { id: string }) => g.id,
      ),
    ).toEqual([gift.id]);
  });
});

describe("custom lyrics for someone", () => {
  const lyrics = "[Verse]\nUn matin de décembre, Siobhán rit\n[Chorus]\nJoyeux anniversaire, Siobhán, mon amie";
  const customOrder = (overrides: Record<string, unknown> = {}) => ({
    mode: "custom",
    title: "Happy Birthday, Siobhán",
    lyrics,
    language: "fr",
    styleTags: ["pop"],
    vocal: "female",
    durationSeconds: 30,
    ...overrides,
  });
  const tokenOf = (gift: { url: string }) => decodeURIComponent(new URL(gift.url).pathname.split("/").pop()!);
  const give = async (token: string, trackId: string) =>
    json(await call("/api/gifts", { method: "POST", token, body: JSON.stringify({ trackId }) }));

  it("keeps the recipient and how to say their name, for the singer, the name check and the gift page", async () => {
    const { token } = await signUp();
    const created = await orderJob(token, customOrder({ recipientName: "Siobhán", pronounceAs: "shi-vawn" }));
    const row = await db.select().from(generations).where(eq(generations.jobId, created.id)).get();
    // What the music step hands the engine, as for a context order's name.
    expect(row?.pronunciations).toEqual({ Siobhán: "shi-vawn" });
    expect(row?.context).toEqual({ recipientName: "Siobhán", pronounceAs: "shi-vawn" });
    const song = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(song.status).toBe("SUCCEEDED");
    expect(song.request).toMatchObject({ recipientName: "Siobhán", title: "Happy Birthday, Siobhán" });

    const gift = await give(token, song.takes[0].trackId);
    expect(gift.recipientName).toBe("Siobhán");
    const view = await json(await call(`/api/public/gifts/${tokenOf(gift)}`));
    expect(view).toMatchObject({ recipientName: "Siobhán", title: "Happy Birthday, Siobhán" });
    // The owner's take and its shared page carry the lines it sang (the take's timings, or none) with the lyrics.
    const track = await json(await call(`/api/tracks/${song.takes[0].trackId}`, { token }));
    expect(track).toHaveProperty("timings");
    const share = await json(await call(`/api/tracks/${song.takes[0].trackId}/share`, { method: "POST", token }));
    const shared = await json(
      await call(`/api/public/tracks/${song.takes[0].trackId}?t=${encodeURIComponent(share.token)}`),
    );
    expect(shared).toMatchObject({ lyrics: song.lyrics, lyricsLanguage: "fr", timings: track.timings });

    // An edit of the lyrics is held to the same name.
    const approve = await orderJob(token, customOrder({ recipientName: "Siobhán", approveLyrics: true }));
    await waitForStatus(token, approve.id, ["LYRICS_READY"]);
    const nameless = await call(`/api/jobs/${approve.id}/lyrics`, {
      method: "PUT",
      token,
      body: JSON.stringify({ title: "Pour toi", sections: [{ kind: "chorus", lines: ["Joyeux anniversaire à toi"] }] }),
    });
    expect(nameless.status).toBe(400);
    expect((await json(nameless)).error.message).toContain("Siobhán");
  });

  it("refuses, before any charge, lyrics that never name their recipient, and a pronunciation without a name", async () => {
    const { token } = await signUp();
    const before = await credits(token);
    const unnamed = await order(token, customOrder({ recipientName: "Maëlys" }));
    expect(unnamed.status).toBe(400);
    expect(Object.keys((await json(unnamed)).error.fields)).toEqual(["recipientName"]);
    const orphan = await order(token, customOrder({ pronounceAs: "shi-vawn" }));
    expect(orphan.status).toBe(400);
    expect(Object.keys((await json(orphan)).error.fields)).toEqual(["pronounceAs"]);
    // Instrumental: nothing is sung, so nothing to check.
    expect(
      (await order(token, customOrder({ recipientName: "Maëlys", vocal: "instrumental", lyrics: "" }))).status,
    ).toBe(202);
    expect((await credits(token)).balance).toBe(before.balance);
  });

  it("gives a song for no one in particular under its title, never as a song for its title", async () => {
    const { token } = await signUp();
    const created = await orderJob(token, customOrder());
    expect((await db.select().from(generations).where(eq(generations.jobId, created.id)).get())?.context).toBeNull();
    const song = await waitForStatus(token, created.id, ["SUCCEEDED"]);
    const gift = await give(token, song.takes[0].trackId);
    expect(gift.recipientName).toBeNull();
    const view = await json(await call(`/api/public/gifts/${tokenOf(gift)}`));
    expect(view).toMatchObject({ recipientName: null, title: "Happy Birthday, Siobhán" });
    const cover = await call(new URL(gift.coverUrl).pathname);
    expect(cover.status).toBe(200);
    expect(cover.headers.get("content-type")).toBe("image/png");
  });
});
