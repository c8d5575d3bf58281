import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { issueStreamTicket, STREAM_TICKET_TTL_SECONDS } from "../worker/jobs";
import { call, json, orderJob, readEvents, signUp, sim, waitForStatus } from "./helpers";

describe("following a job from EventSource with a stream ticket", () => {
  let owner: { token: string; userId: string };
  let other: { token: string; userId: string };
  let jobId: string;
  let secondJobId: string;

  beforeAll(async () => {
    await sim("/__sim/reset", {});
    owner = await signUp(100);
    other = await signUp();
    jobId = (await orderJob(owner.token)).id;
    secondJobId = (await orderJob(owner.token)).id;
    await waitForStatus(owner.token, jobId, ["SUCCEEDED"]);
  });

  const ticketFor = async (id: string, token: string) =>
    call(`/api/jobs/${id}/stream-ticket`, { method: "POST", token });
  const stream = (id: string, ticket: string, query = "") =>
    call(`/api/jobs/${id}/events?ticket=${encodeURIComponent(ticket)}${query}`);

  it("gives the owner a ticket that opens the job's stream without the access token, for a minute", async () => {
    const res = await ticketFor(jobId, owner.token);
    expect(res.status).toBe(201);
    const { ticket, expiresAt } = await json(res);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan((STREAM_TICKET_TTL_SECONDS - 5) * 1000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(STREAM_TICKET_TTL_SECONDS * 1000);
    expect(ticket).not.toContain(owner.token);

    const events = await readEvents(await stream(jobId, ticket));
    expect(events.at(-1)!.data.status).toBe("SUCCEEDED");
    // A reconnection resumes after the last event it saw.
    const resumed = await readEvents(await stream(jobId, ticket, `&lastEventId=${events[1]!.id}`));
    expect(resumed.map((e) => e.id)).toEqual(events.slice(2).map((e) => e.id));
  });

  it("gives no ticket for someone else's job, nor without signing in", async () => {
    expect((await ticketFor(jobId, other.token)).status).toBe(404);
    expect((await call(`/api/jobs/${jobId}/stream-ticket`, { method: "POST" })).status).toBe(401);
  });

  it("refuses a ticket for another job, a tampered one and an expired one", async () => {
    const { ticket } = await json(await ticketFor(secondJobId, owner.token));
    const forbidden = async (res: Response) => {
      expect(res.status).toBe(403);
      return (await json(res)).error;
    };
    expect((await forbidden(await stream(jobId, ticket))).code).toBe("forbidden");
    const [, expires, signature] = ticket.split(".");
    expect((await forbidden(await stream(secondJobId, `${other.userId}.${expires}.${signature}`))).code).toBe(
      "forbidden",
    );
    expect(
      (await forbidden(await stream(secondJobId, `${owner.userId}.${Number(expires) + 3600}.${signature}`))).code,
    ).toBe("forbidden");
    expect(
      (await forbidden(await stream(secondJobId, `${owner.userId}.${expires}.${signature!.slice(1)}A`))).code,
    ).toBe("forbidden");
    expect((await forbidden(await stream(secondJobId, "nonsense"))).code).toBe("forbidden");

    const stale = await issueStreamTicket(
      env,
      owner.userId,
      jobId,
      Date.now() - (STREAM_TICKET_TTL_SECONDS + 1) * 1000,
    );
    expect((await forbidden(await stream(jobId, stale.ticket))).message).toMatch(/expired/);
  });

  it("still checks ownership: a well-signed ticket for someone else's job opens nothing", async () => {
    const minted = await issueStreamTicket(env, other.userId, jobId);
    expect((await stream(jobId, minted.ticket)).status).toBe(404);
  });

  it("takes no access token in the URL, and a ticket opens nothing but the stream", async () => {
    expect((await call(`/api/jobs/${jobId}/events?access_token=${encodeURIComponent(owner.token)}`)).status).toBe(401);
    const { ticket } = await json(await ticketFor(jobId, owner.token));
    expect((await call(`/api/jobs/${jobId}?ticket=${encodeURIComponent(ticket)}`)).status).toBe(401);
    // Clients that can send headers keep using the access token.
    expect(
      (await readEvents(await call(`/api/jobs/${jobId}/events`, { token: owner.token }))).at(-1)!.data.status,
    ).toBe("SUCCEEDED");
  });
});
