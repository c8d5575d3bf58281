import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../worker/auth";
import { callbackUrl } from "../worker/jobs";
import { database, generations, gifts, jobs, tracks } from "./db-access";
import { call, json, orderJob, signUp, sim, waitForStatus } from "./helpers";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const TOKEN = "[A-Za-z0-9_-]{43}";

async function expectNotFound(response: Response, what: string) {
  expect(response.status, what).toBe(404);
  expect((await json(response)).error.code, what).toBe("not_found");
}

describe("ids that name their shard", () => {
  let owner: string;
  let userId: string;
  let jobId: string;
  let trackId: string;

  beforeAll(async () => {
    await sim("/__sim/reset", {});
    ({ token: owner, userId } = await signUp());
    const created = await orderJob(owner);
    jobId = created.id;
    trackId = (await waitForStatus(owner, jobId, ["SUCCEEDED"])).takes[0].trackId;
  });

  it("gives every new order, take, share and gift an id or token naming shard 0", async () => {
    expect(jobId).toMatch(new RegExp(`^job_0_${UUID}$`));
    const { takes } = await json(await call(`/api/jobs/${jobId}`, { token: owner }));
    for (const take of takes) expect(take.trackId).toMatch(new RegExp(`^trk_0_${UUID}_\\d+$`));

    const share = await json(await call(`/api/tracks/${trackId}/share`, { method: "POST", token: owner }));
    expect(share.token).toMatch(new RegExp(`^0\\.${TOKEN}$`));
    expect((await call(`/api/public/tracks/${trackId}?t=${encodeURIComponent(share.token)}`)).status).toBe(200);

    const gift = await json(
      await call("/api/gifts", {
        method: "POST",
        token: owner,
        body: JSON.stringify({ trackId, message: "Bon anniversaire !" }),
      }),
    );
    expect(gift.id).toMatch(new RegExp(`^gft_0_${UUID}$`));
    expect(gift.url).toMatch(new RegExp(`/g/0\\.${TOKEN}$`));
    const token = decodeURIComponent(gift.url.split("/g/")[1]);
    expect((await call(`/api/public/gifts/${token}`)).status).toBe(200);
    expect((await call(`/api/gifts/${gift.id}`, { token: owner })).status).toBe(200);
  });

  it("still serves rows made before ids named a shard, from shard 0", async () => {
    // The same song as it was stored before: ids and tokens with no shard in them.
    const db = database(env.DB);
    const oldJobId = jobId.replace(/^job_0_/, "job_");
    const job = (await db.select().from(jobs).where(eq(jobs.id, jobId)).get())!;
    const generation = (await db.select().from(generations).where(eq(generations.jobId, jobId)).get())!;
    const take = (await db.select().from(tracks).where(eq(tracks.id, trackId)).get())!;
    const oldTrackId = `trk_${oldJobId.slice(4)}_${take.takeIndex}`;
    const oldShare = randomToken();
    const oldGift = { id: `gft_${crypto.randomUUID()}`, token: randomToken() };
    await db.batch([
      db.insert(jobs).values({ ...job, id: oldJobId, chosenTrackId: null }),
      db.insert(generations).values({
        ...generation,
        jobId: oldJobId,
        timings: { [oldTrackId]: generation.timings?.[trackId] ?? null },
      }),
      db.insert(tracks).values({ ...take, id: oldTrackId, jobId: oldJobId, shareToken: oldShare }),
      db.insert(gifts).values({
        ...oldGift,
        userId,
        jobId: oldJobId,
        trackId: oldTrackId,
        recipientName: "Marie",
        senderName: null,
        message: "Joyeux anniversaire",
        allowDownload: false,
        locale: "fr",
        plays: 0,
        revokedAt: null,
        createdAt: Date.now(),
      }),
    ]);

    const view = await json(await call(`/api/jobs/${oldJobId}`, { token: owner }));
    expect(view).toMatchObject({ id: oldJobId, status: "SUCCEEDED" });
    expect(view.takes.map((t: { trackId: string }) => t.trackId)).toEqual([oldTrackId]);
    expect((await call(`/api/tracks/${oldTrackId}`, { token: owner })).status).toBe(200);
    const links = await json(await call(`/api/tracks/${oldTrackId}/links`, { token: owner }));
    expect((await call(links.streamUrl, { headers: { range: "bytes=0-9" } })).status).toBe(206);

    const shared = await json(await call(`/api/public/tracks/${oldTrackId}?t=${oldShare}`));
    expect(shared.id).toBe(oldTrackId);
    expect((await call(shared.streamUrl, { headers: { range: "bytes=0-9" } })).status).toBe(206);
    const oembed = await call(
      `/api/oembed?url=${encodeURIComponent(`${env.PUBLIC_URL}/s/${oldTrackId}?t=${oldShare}`)}`,
    );
    expect(oembed.status).toBe(200);

    expect((await json(await call(`/api/public/gifts/${oldGift.token}`))).recipientName).toBe("Marie");
    expect((await call(`/api/public/gifts/${oldGift.token}/plays`, { method: "POST" })).status).toBe(204);
    expect((await call(`/api/gifts/${oldGift.id}`, { token: owner })).status).toBe(200);
  });

  it("answers an id that names no shard, or is no id of its kind, like an id of nothing", async () => {
    const unknownShard = jobId.replace(/^job_0_/, "job_7_");
    await expectNotFound(await call(`/api/jobs/${unknownShard}`, { token: owner }), "a shard that does not exist");
    await expectNotFound(await call(`/api/jobs/${jobId.replace(/^job_0_/, "job_00_")}`, { token: owner }), "07-style");
    await expectNotFound(await call(`/api/jobs/${trackId}`, { token: owner }), "a take's id as a job's");
    await expectNotFound(await call(`/api/jobs/job_`, { token: owner }), "a bare prefix");
    await expectNotFound(await call(`/api/tracks/${jobId}`, { token: owner }), "a job's id as a take's");
    await expectNotFound(
      await call(`/api/public/tracks/${trackId.replace(/^trk_0_/, "trk_3_")}?t=0.${randomToken()}`),
      "a share link on a shard that does not exist",
    );
    await expectNotFound(await call(`/api/public/gifts/9.${randomToken()}`), "a gift token on a missing shard");
    await expectNotFound(await call(`/api/public/gifts/0.not a gift token`), "a gift token that is no token");
    await expectNotFound(await call(`/api/gifts/gft_4_${crypto.randomUUID()}`, { token: owner }), "a gift id");

    // An engine's callback for a job id that names no shard, however well signed, finds no job.
    const hook = new URL(await callbackUrl(env, "suno", unknownShard));
    await expectNotFound(
      await call(`${hook.pathname}${hook.search}`, { method: "POST", body: JSON.stringify({ code: 200, data: {} }) }),
      "a callback",
    );

    // In a request body too.
    await expectNotFound(
      await call("/api/gifts", {
        method: "POST",
        token: owner,
        body: JSON.stringify({ trackId: jobId, message: "x" }),
      }),
      "a job's id given as the take to give",
    );
  });
});
