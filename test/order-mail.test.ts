import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { routingConfigSchema } from "../providers";
import { saveRoutingConfig } from "../worker/routing";
import { database, routingConfigs } from "./db-access";
import { call, contextOrder, credits, json, order, readEvents, signUp, sim, waitFor, waitForStatus } from "./helpers";

const db = database(env.DB);

interface Sent {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What the Worker and the jobs' objects sent through the EMAIL binding (test/fixtures/mailbox.js keeps it). */
const mailTo = async (email: string) =>
  (await (env.EMAIL as unknown as { sent(): Promise<Sent[]> }).sent()).filter((m) => m.to === email);

const placed = async (token: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await call("/api/jobs", {
    method: "POST",
    token,
    body: JSON.stringify(body),
    headers: { "idempotency-key": crypto.randomUUID(), ...headers },
  });
  expect(res.status).toBe(202);
  return json(res);
};

beforeEach(async () => {
  await sim("/__sim/reset", {});
  await db.delete(routingConfigs);
});

/** Every order fails at its engine, with no other to fail over to: it stops (and is refunded) in seconds. */
async function failingEngine() {
  await saveRoutingConfig(
    db,
    routingConfigSchema.parse({ arms: [{ provider: "suno", weight: 1 }], failover: [] }),
    "test",
  );
  await sim("/__sim/behaviour", { outcome: "fail" });
}

describe("emails about an order, to a person who is not on its page", () => {
  it("tells of the lyrics waiting, then of the song ready, once each, in the page's language, with the song's link", async () => {
    const { token, email } = await signUp();
    // A French song ordered from the English pages: the emails are in English.
    const created = await placed(token, contextOrder({ approveLyrics: true }), { "accept-language": "en" });
    await waitForStatus(token, created.id, ["LYRICS_READY"]);
    const [lyrics] = await waitFor("the lyrics email", async () => {
      const sent = await mailTo(email);
      return sent.length ? sent : null;
    });
    const link = `${env.PUBLIC_URL}/en/songs/${created.id}`;
    expect(lyrics!.subject).toMatch(/^Your lyrics for “.+” are ready to read$/);
    expect(lyrics!.text).toContain(link);
    expect(lyrics!.html).toContain(`href="${link}"`);
    // The HTML version leads with the subject and carries the link as a button, in the email's language.
    expect(lyrics!.html).toContain('<html lang="en">');
    expect(lyrics!.html).toMatch(/<h1[^>]*>Your lyrics for “.+” are ready to read<\/h1>/);
    expect(lyrics!.html).toContain(`<a href="${link}" style="display:inline-block`);
    // Where to stop them.
    expect(lyrics!.text).toContain(`${env.PUBLIC_URL}/en/settings`);
    // The approval deadline, in a time zone the email names.
    const { deadlineAt } = await json(await call(`/api/jobs/${created.id}`, { token }));
    expect(lyrics!.text).toContain(
      new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(
        new Date(deadlineAt),
      ),
    );
    expect(lyrics!.text).toContain("UTC");

    expect((await call(`/api/jobs/${created.id}/lyrics/approve`, { method: "POST", token })).status).toBe(200);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done.status).toBe("SUCCEEDED");
    const sent = await waitFor("the song's email", async () => {
      const all = await mailTo(email);
      return all.length === 2 ? all : null;
    });
    expect(sent[1]!.subject).toBe(`Your song “${done.title}” is ready`);
    expect(sent[1]!.text).toContain(link);
    // Nothing else comes of this order.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mailTo(email)).toHaveLength(2);
  });

  it("sends nothing about what the person watches happen on the page", async () => {
    const { token, email } = await signUp();
    const created = await placed(token, contextOrder({ approveLyrics: true }), { "accept-language": "fr" });
    await waitForStatus(token, created.id, ["LYRICS_READY"]);
    await waitFor("the lyrics email", async () => (await mailTo(email)).length === 1);
    // The page is open (its event stream) when the lyrics are approved and the song is made.
    const stream = await call(`/api/jobs/${created.id}/events`, { token });
    const told = readEvents(stream);
    expect((await call(`/api/jobs/${created.id}/lyrics/approve`, { method: "POST", token })).status).toBe(200);
    expect((await told).at(-1)!.data.status).toBe("SUCCEEDED");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = await mailTo(email);
    expect(sent.map((m) => m.subject)).toEqual([expect.stringMatching(/^Les paroles de « .+ » sont prêtes$/)]);
  });

  it("tells of an order that stopped, and of its refund once refunded, in the song's language by default", async () => {
    await failingEngine();
    const { token, email } = await signUp();
    const res = await order(token, contextOrder({ language: "fr" }));
    const created = await json(res);
    expect((await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"])).status).toBe("FAILED");
    const [stopped] = await waitFor("the email", async () => {
      const sent = await mailTo(email);
      return sent.length ? sent : null;
    });
    expect((await credits(token)).reserved).toBe(0);
    expect(stopped!.subject).toMatch(/^Votre chanson « .+ » n’a pas pu être faite$/);
    expect(stopped!.text).toContain(`${env.CREDITS_PER_SONG} crédits vous ont été remboursés.`);
    expect(stopped!.text).toContain(`${env.PUBLIC_URL}/fr/songs/${created.id}`);
  });

  it("sends none to a person who unticked them, from their next order on", async () => {
    const { token, email } = await signUp();
    const account = async () => json(await call("/api/account", { token }));
    expect((await account()).orderEmails).toBe(true);
    const change = (body: unknown) => call("/api/account", { method: "PATCH", token, body: JSON.stringify(body) });
    const refused = await change({ orderEmails: "no" });
    expect(refused.status).toBe(400);
    expect((await json(refused)).error).toMatchObject({
      code: "validation_failed",
      fields: { orderEmails: [expect.any(String)] },
    });
    expect((await change({ orderEmails: false, role: "admin" })).status).toBe(400);
    const unticked = await change({ orderEmails: false });
    expect(unticked.status).toBe(200);
    expect(await json(unticked)).toMatchObject({ orderEmails: false, role: "user" });
    expect((await account()).orderEmails).toBe(false);

    await failingEngine();
    const created = await placed(token, contextOrder());
    expect((await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"])).status).toBe("FAILED");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mailTo(email)).toEqual([]);
  });
});
