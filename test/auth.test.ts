import { env } from "cloudflare:workers";
import { UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { call, contextOrder, credits, json, order, signUp, signedToken as token } from "./helpers";

const refreshCookie = (res: Response) => /refrain_refresh=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
const me = (bearer: string) => call("/api/me", { token: bearer });

describe("built-in accounts", () => {
  it("signs up, signs in, refreshes with a rotating HttpOnly cookie, and signs out", async () => {
    const email = `ana-${crypto.randomUUID()}@example.com`;
    const created = await call("/api/auth/signup", {
      method: "POST",
      body: JSON.stringify({ email, password: "a long passphrase" }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    const session = await json(created);
    expect((await me(session.accessToken)).status).toBe(200);

    const signedIn = await call("/api/auth/signin", {
      method: "POST",
      body: JSON.stringify({ email: email.toUpperCase(), password: "a long passphrase" }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = refreshCookie(signedIn)!;

    const refreshed = await call("/api/auth/refresh", {
      method: "POST",
      headers: { cookie: `refrain_refresh=${cookie}` },
    });
    expect(refreshed.status).toBe(200);
    expect((await me((await json(refreshed)).accessToken)).status).toBe(200);
    // A refresh token works once: replaying it is refused.
    expect(
      (await call("/api/auth/refresh", { method: "POST", headers: { cookie: `refrain_refresh=${cookie}` } })).status,
    ).toBe(401);

    const next = refreshCookie(refreshed)!;
    expect(
      (await call("/api/auth/signout", { method: "POST", headers: { cookie: `refrain_refresh=${next}` } })).status,
    ).toBe(204);
    expect(
      (await call("/api/auth/refresh", { method: "POST", headers: { cookie: `refrain_refresh=${next}` } })).status,
    ).toBe(401);
  });

  it("tells a browser with no session so without an error, and refuses a refresh cookie it does not know", async () => {
    const visitor = await call("/api/auth/refresh", { method: "POST" });
    expect(visitor.status).toBe(204);
    expect(visitor.headers.get("set-cookie")).toBeNull();
    const unknown = await call("/api/auth/refresh", { method: "POST", headers: { cookie: "refrain_refresh=not-one" } });
    expect(unknown.status).toBe(401);
  });

  it("tells the pages this browser has a session with a second cookie, set with the refresh cookie and removed when the session ends", async () => {
    const hint = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("refrain_session="));
    const signedUp = await call("/api/auth/signup", {
      method: "POST",
      body: JSON.stringify({ email: `hint-${crypto.randomUUID()}@example.com`, password: "a long passphrase" }),
    });
    expect(hint(signedUp)).toMatch(/^refrain_session=1;.*Path=\/;/);
    expect(hint(signedUp)).toMatch(/HttpOnly/);
    const refreshed = await call("/api/auth/refresh", {
      method: "POST",
      headers: { cookie: `refrain_refresh=${refreshCookie(signedUp)}` },
    });
    expect(hint(refreshed)).toMatch(/^refrain_session=1;/);
    // A refused refresh (here, a replay, which ends the session) and a sign-out both take it away.
    const replayed = await call("/api/auth/refresh", {
      method: "POST",
      headers: { cookie: `refrain_refresh=${refreshCookie(signedUp)}` },
    });
    expect(replayed.status).toBe(401);
    expect(hint(replayed)).toMatch(/^refrain_session=;.*Max-Age=0/);
    const out = await call("/api/auth/signout", {
      method: "POST",
      headers: { cookie: `refrain_refresh=${refreshCookie(refreshed)}` },
    });
    expect(hint(out)).toMatch(/^refrain_session=;.*Max-Age=0/);
  });

  it("ends the whole session when a refresh token already traded is replayed, and only that session", async () => {
    const email = `eve-${crypto.randomUUID()}@example.com`;
    const credentials = JSON.stringify({ email, password: "a long passphrase" });
    const signup = await call("/api/auth/signup", { method: "POST", body: credentials });
    const other = await call("/api/auth/signin", { method: "POST", body: credentials });
    const refresh = (cookie: string) =>
      call("/api/auth/refresh", { method: "POST", headers: { cookie: `refrain_refresh=${cookie}` } });

    const stolen = refreshCookie(signup)!;
    const first = await json(signup);
    // The thief trades the stolen cookie first, and keeps refreshing.
    const thief = await refresh(stolen);
    expect(thief.status).toBe(200);
    const thiefSession = await json(thief);
    const thiefNext = await refresh(refreshCookie(thief)!);
    expect(thiefNext.status).toBe(200);
    const newest = refreshCookie(thiefNext)!;
    const newestAccess = (await json(thiefNext)).accessToken;
    expect((await me(newestAccess)).status).toBe(200);

    // The owner's copy comes back: refused, and the session ends for everyone holding it.
    const replay = await refresh(stolen);
    expect(replay.status).toBe(401);
    expect((await json(replay)).error.code).toBe("unauthorized");
    expect((await refresh(newest)).status).toBe(401);
    for (const access of [first.accessToken, thiefSession.accessToken, newestAccess]) {
      const res = await me(access);
      expect(res.status).toBe(401);
      expect((await json(res)).error.message).toMatch(/session has ended/);
    }

    // The account's other sign-in is another session: untouched.
    expect((await me((await json(other)).accessToken)).status).toBe(200);
    expect((await refresh(refreshCookie(other)!)).status).toBe(200);
  });

  it("signing out ends the session's access tokens too", async () => {
    const email = `sam-${crypto.randomUUID()}@example.com`;
    const signup = await call("/api/auth/signup", {
      method: "POST",
      body: JSON.stringify({ email, password: "a long passphrase" }),
    });
    const { accessToken } = await json(signup);
    expect((await me(accessToken)).status).toBe(200);
    expect(
      (
        await call("/api/auth/signout", {
          method: "POST",
          headers: { cookie: `refrain_refresh=${refreshCookie(signup)}` },
        })
      ).status,
    ).toBe(204);
    expect((await me(accessToken)).status).toBe(401);
  });

  it("refuses an order made with a signed-out session's token, holding nothing and leaving its key free", async () => {
    const email = `ola-${crypto.randomUUID()}@example.com`;
    const credentials = JSON.stringify({ email, password: "a long passphrase" });
    const signup = await call("/api/auth/signup", { method: "POST", body: credentials });
    const { accessToken } = await json(signup);
    await call("/api/auth/signout", {
      method: "POST",
      headers: { cookie: `refrain_refresh=${refreshCookie(signup)}` },
    });
    const key = crypto.randomUUID();

    const refused = await order(accessToken, contextOrder(), key);
    expect(refused.status).toBe(401);
    expect((await json(refused)).error.message).toMatch(/session has ended/);

    const again = (await json(await call("/api/auth/signin", { method: "POST", body: credentials }))).accessToken;
    expect((await json(await call("/api/jobs", { token: again }))).jobs).toEqual([]);
    expect((await credits(again)).reserved).toBe(0);
    // The refused request gave its claim on the key back: the same key places the order at once (not 409 in progress).
    const placed = await order(again, contextOrder(), key);
    expect(placed.status).toBe(202);
  });

  it("changes a password: every other device is signed out, the old password stops working, this one stays in", async () => {
    const email = `lea-${crypto.randomUUID()}@example.com`;
    const signup = await call("/api/auth/signup", {
      method: "POST",
      body: JSON.stringify({ email, password: "the old passphrase" }),
    });
    const phone = await call("/api/auth/signin", {
      method: "POST",
      body: JSON.stringify({ email, password: "the old passphrase" }),
    });
    const { accessToken } = await json(signup);
    const phoneToken = (await json(phone)).accessToken;
    const change = (body: object, bearer = accessToken) =>
      call("/api/auth/password", { method: "POST", token: bearer, body: JSON.stringify(body) });

    const wrong = await change({ currentPassword: "not it", newPassword: "a new passphrase" });
    expect(wrong.status).toBe(400);
    expect(Object.keys((await json(wrong)).error.fields)).toEqual(["currentPassword"]);
    const short = await change({ currentPassword: "the old passphrase", newPassword: "short" });
    expect(short.status).toBe(400);
    expect(Object.keys((await json(short)).error.fields)).toEqual(["newPassword"]);
    // Neither refusal changed anything: the phone is still in.
    expect((await me(phoneToken)).status).toBe(200);

    const changed = await change({ currentPassword: "the old passphrase", newPassword: "a new passphrase" });
    expect(changed.status).toBe(200);
    const fresh = await json(changed);
    expect((await me(fresh.accessToken)).status).toBe(200);
    expect(
      (
        await call("/api/auth/refresh", {
          method: "POST",
          headers: { cookie: `refrain_refresh=${refreshCookie(changed)}` },
        })
      ).status,
    ).toBe(200);
    // Every session from before ends: this device's old token and the phone's, with their refresh cookies.
    expect((await me(accessToken)).status).toBe(401);
    expect((await me(phoneToken)).status).toBe(401);
    expect(
      (
        await call("/api/auth/refresh", {
          method: "POST",
          headers: { cookie: `refrain_refresh=${refreshCookie(phone)}` },
        })
      ).status,
    ).toBe(401);
    const signIn = (password: string) =>
      call("/api/auth/signin", { method: "POST", body: JSON.stringify({ email, password }) });
    expect((await signIn("the old passphrase")).status).toBe(401);
    expect((await signIn("a new passphrase")).status).toBe(200);
    // An account that signs in through Supabase has no password here to change.
    const sub = crypto.randomUUID();
    const supabase = await token({ iss: env.SUPABASE_ISSUER, aud: "authenticated", sub }, env.SUPABASE_JWT_SECRET);
    const external = await change({ currentPassword: "anything", newPassword: "a new passphrase" }, supabase);
    expect(external.status).toBe(409);
  });

  it("refuses a wrong password, a taken email and a short password with clear errors", async () => {
    const { email } = await signUp();
    const wrong = await call("/api/auth/signin", {
      method: "POST",
      body: JSON.stringify({ email, password: "not the password" }),
    });
    expect(wrong.status).toBe(401);
    expect((await json(wrong)).error.code).toBe("unauthorized");
    const taken = await call("/api/auth/signup", {
      method: "POST",
      body: JSON.stringify({ email, password: "another passphrase" }),
    });
    expect(taken.status).toBe(409);
    expect((await json(taken)).error.fields.email).toBeDefined();
    const short = await call("/api/auth/signup", {
      method: "POST",
      body: JSON.stringify({ email: "x@example.com", password: "short" }),
    });
    expect(short.status).toBe(400);
    expect((await json(short)).error.fields.password).toBeDefined();
  });
});

describe("access tokens", () => {
  it("accepts Supabase Auth tokens and maps each subject to one account with welcome credits", async () => {
    const sub = crypto.randomUUID();
    const supabase = await token(
      { iss: env.SUPABASE_ISSUER, aud: "authenticated", sub, email: `${sub}@example.com` },
      env.SUPABASE_JWT_SECRET,
    );
    const first = await me(supabase);
    expect(first.status).toBe(200);
    const again = await me(supabase);
    expect((await json(again)).id).toBe((await json(first)).id);
    expect((await json(await call("/api/credits", { token: supabase }))).balance).toBe(Number(env.SIGNUP_CREDITS));
  });

  it("refuses expired, foreign-signed, wrong-audience, unsigned and malformed tokens", async () => {
    const { userId } = await signUp();
    const past = Math.floor(Date.now() / 1000) - 60;
    const bad = [
      await token({ iss: "refrain", aud: "refrain-api", sub: userId, exp: past }, env.AUTH_JWT_SECRET),
      await token({ iss: "refrain", aud: "refrain-api", sub: userId }, "some-other-secret-of-sufficient-length"),
      await token({ iss: "refrain", aud: "someone-else", sub: userId }, env.AUTH_JWT_SECRET),
      await token({ iss: env.SUPABASE_ISSUER, aud: "authenticated", sub: userId }, env.AUTH_JWT_SECRET),
      new UnsecuredJWT({ sub: userId })
        .setIssuer("refrain")
        .setAudience("refrain-api")
        .setExpirationTime("5m")
        .encode(),
      "not-a-jwt",
    ];
    for (const candidate of bad) {
      const res = await me(candidate);
      expect(res.status, candidate).toBe(401);
      expect((await json(res)).error.code).toBe("unauthorized");
    }
    expect((await call("/api/me")).status).toBe(401);
  });
});
