import { beforeAll, describe, expect, it } from "vitest";
import { call, contextOrder, json, orderJob, signUp, sim, waitForStatus } from "./helpers";

// Every resource route, tried with another user's token (404, never 403: ids are not confirmed to exist) and with none (401).
describe("one user's resources are invisible to another", () => {
  let owner: { token: string };
  let stranger: { token: string };
  let projectId: string;
  let jobId: string;
  let trackId: string;
  let giftId: string;

  beforeAll(async () => {
    await sim("/__sim/reset", {});
    owner = await signUp();
    stranger = await signUp();
    projectId = (
      await json(
        await call("/api/projects", {
          method: "POST",
          token: owner.token,
          body: JSON.stringify({ name: "Anniversaires" }),
        }),
      )
    ).id;
    const job = await orderJob(owner.token, contextOrder({ projectId }));
    jobId = job.id;
    trackId = (await waitForStatus(owner.token, jobId, ["SUCCEEDED"])).takes[0].trackId;
    giftId = (
      await json(
        await call("/api/gifts", {
          method: "POST",
          token: owner.token,
          body: JSON.stringify({ trackId, message: "Pour toi" }),
        }),
      )
    ).id;
  });

  const routes = () => [
    { method: "GET", path: `/api/projects/${projectId}` },
    { method: "PATCH", path: `/api/projects/${projectId}`, body: { name: "Mine now" } },
    { method: "DELETE", path: `/api/projects/${projectId}` },
    { method: "GET", path: `/api/jobs/${jobId}` },
    { method: "POST", path: `/api/jobs/${jobId}/cancel` },
    { method: "POST", path: `/api/jobs/${jobId}/choose`, body: { trackId } },
    { method: "GET", path: `/api/jobs/${jobId}/events` },
    { method: "POST", path: `/api/jobs/${jobId}/stream-ticket` },
    {
      method: "POST",
      path: `/api/jobs/${jobId}/revision`,
      body: {},
      headers: { "idempotency-key": crypto.randomUUID() },
    },
    {
      method: "PUT",
      path: `/api/jobs/${jobId}/lyrics`,
      body: { title: "Mine now", sections: [{ kind: "verse", lines: ["Marie"] }] },
    },
    { method: "POST", path: `/api/jobs/${jobId}/lyrics/redraft` },
    { method: "POST", path: `/api/jobs/${jobId}/lyrics/approve` },
    { method: "GET", path: `/api/tracks/${trackId}` },
    { method: "GET", path: `/api/tracks/${trackId}/links` },
    { method: "POST", path: `/api/tracks/${trackId}/share` },
    { method: "DELETE", path: `/api/tracks/${trackId}/share` },
    { method: "POST", path: "/api/gifts", body: { trackId } },
    { method: "GET", path: `/api/gifts/${giftId}` },
    { method: "DELETE", path: `/api/gifts/${giftId}` },
    // Operators only: to anyone else it is a route that does not exist.
    { method: "GET", path: `/api/admin/jobs/${jobId}` },
    { method: "POST", path: `/api/admin/billing/holds/${jobId}/clear`, body: { note: "not yours" } },
    {
      method: "POST",
      path: "/api/jobs",
      body: contextOrder({ projectId }),
      headers: { "idempotency-key": crypto.randomUUID() },
    },
  ];

  it("answers 404 to another user's token on every resource route", async () => {
    for (const r of routes()) {
      const res = await call(r.path, {
        method: r.method,
        token: stranger.token,
        headers: r.headers ?? {},
        ...(r.body ? { body: JSON.stringify(r.body) } : {}),
      });
      expect(res.status, `${r.method} ${r.path}`).toBe(404);
      expect((await json(res)).error.code).toBe("not_found");
    }
  });

  it("covers every bearer route of the OpenAPI document that names a resource", async () => {
    const doc = await json(await call("/api/openapi.json"));
    const documented = Object.entries(doc.paths as Record<string, Record<string, { security?: unknown[] }>>)
      .filter(([path]) => path.includes("{id}"))
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => op.security?.length)
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
    const covered = routes().map(
      (r) =>
        `${r.method} ${r.path.replace(projectId, "{id}").replace(jobId, "{id}").replace(trackId, "{id}").replace(giftId, "{id}")}`,
    );
    expect(covered.sort()).toEqual(expect.arrayContaining(documented.sort()));
  });

  it("answers 401 without a token on every resource route", async () => {
    for (const r of [
      ...routes(),
      { method: "GET", path: "/api/projects" },
      { method: "GET", path: "/api/jobs" },
      { method: "GET", path: "/api/credits" },
    ]) {
      const res = await call(r.path, {
        method: r.method,
        headers: (r as { headers?: Record<string, string> }).headers ?? {},
        ...((r as { body?: unknown }).body ? { body: JSON.stringify((r as { body?: unknown }).body) } : {}),
      });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it("lists only the owner's projects and jobs, and leaves them intact", async () => {
    const theirs = await json(await call("/api/jobs", { token: stranger.token }));
    expect(theirs.jobs).toEqual([]);
    expect((await json(await call("/api/projects", { token: stranger.token }))).projects).toEqual([]);
    const mine = await json(await call(`/api/jobs?projectId=${projectId}`, { token: owner.token }));
    expect(mine.jobs.map((j: { id: string }) => j.id)).toEqual([jobId]);
    expect((await json(await call(`/api/gifts/${giftId}`, { token: owner.token }))).revokedAt).toBeNull();
    expect((await json(await call(`/api/projects/${projectId}`, { token: owner.token }))).name).toBe("Anniversaires");
  });

  it("lets the owner rename, choose a take and delete", async () => {
    const renamed = await call(`/api/projects/${projectId}`, {
      method: "PATCH",
      token: owner.token,
      body: JSON.stringify({ name: "Fêtes" }),
    });
    expect((await json(renamed)).name).toBe("Fêtes");
    const chosen = await json(
      await call(`/api/jobs/${jobId}/choose`, {
        method: "POST",
        token: owner.token,
        body: JSON.stringify({ trackId }),
      }),
    );
    expect(chosen.chosenTrackId).toBe(trackId);
    expect(chosen.takes.find((t: { trackId: string }) => t.trackId === trackId).chosen).toBe(true);
    expect((await call(`/api/projects/${projectId}`, { method: "DELETE", token: owner.token })).status).toBe(204);
    // The song outlives its project.
    expect((await json(await call(`/api/jobs/${jobId}`, { token: owner.token }))).projectId).toBeNull();
  });
});

describe("a person's songs, page by page", () => {
  it("lists every song once, newest first, whatever the page size, and only theirs", async () => {
    const person = await signUp(100);
    const ordered: string[] = [];
    for (let i = 0; i < 5; i++) ordered.unshift((await orderJob(person.token)).id);
    const stranger = await signUp();
    await orderJob(stranger.token);

    const seen: string[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const page: { jobs: { id: string }[]; next: string | null } = await json(
        await call(`/api/jobs?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
          token: person.token,
        }),
      );
      seen.push(...page.jobs.map((j) => j.id));
      cursor = page.next;
      pages++;
    }
    expect(seen).toEqual(ordered);
    expect(pages).toBe(3);
    // One page holds them all: no cursor to follow.
    const whole = await json(await call("/api/jobs?limit=5", { token: person.token }));
    expect([whole.jobs.length, whole.next]).toEqual([5, null]);
  });
});
