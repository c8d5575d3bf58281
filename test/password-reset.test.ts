import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../db";
import { createApp } from "../worker/app";
import { issuePasswordReset } from "../worker/auth";
import { database } from "./db-access";
import { BASE, call, json, signedToken, signUp } from "./helpers";

/** The Worker with a mailbox in place of Cloudflare Email Service's binding: what it would have sent. */
function withMailbox(vars: Partial<Env> = {}) {
  const sent: EmailMessageBuilder[] = [];
  const EMAIL = {
    send: async (message: EmailMessageBuilder) => {
      sent.push(message);
      return { messageId: `<${crypto.randomUUID()}@refrain.test>` };
    },
  } as unknown as SendEmail;
  const app = createApp();
  const fetch = async (path: string, body: object) => {
    const ctx = createExecutionContext();
    const response = await app.fetch(
      new Request(new URL(path, BASE), {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": `198.51.100.${sent.length}` },
        body: JSON.stringify(body),
      }),
      { ...env, ...vars, EMAIL },
      ctx,
    );
    // The email goes out after the answer.
    await waitOnExecutionContext(ctx);
    return response;
  };
  return { fetch, sent };
}

const tokenIn = (text: string) => /\/reset#(\S+)/.exec(text)?.[1];
const signIn = (email: string, password: string) =>
  call("/api/auth/signin", { method: "POST", body: JSON.stringify({ email, password }) });

describe("forgotten passwords", () => {
  it("emails a link in the person's language; it sets a new password once, signs in, and ends every other session", async () => {
    const { token: elsewhere, email } = await signUp();
    const mailbox = withMailbox();

    // Who has an account is not told: an unknown email gets the same answer, and nothing is sent.
    const unknown = await mailbox.fetch("/api/auth/password-reset", {
      email: "nobody-here@example.com",
      language: "fr",
    });
    const asked = await mailbox.fetch("/api/auth/password-reset", { email: email.toUpperCase(), language: "fr" });
    expect([unknown.status, asked.status]).toEqual([202, 202]);
    expect(await json(unknown)).toEqual(await json(asked));
    expect(mailbox.sent).toHaveLength(1);
    const mail = mailbox.sent[0]!;
    expect(mail.to).toBe(email);
    expect(mail.subject).toBe("Choisissez un nouveau mot de passe Refrain");
    expect(mail.text).toContain(`${env.PUBLIC_URL}/fr/reset#`);
    expect(mail.html).toContain(`href="${env.PUBLIC_URL}/fr/reset#`);
    const token = tokenIn(mail.text!)!;

    const confirm = (body: object) => mailbox.fetch("/api/auth/password-reset/confirm", body);
    const short = await confirm({ token, newPassword: "short" });
    expect(short.status).toBe(400);
    expect(Object.keys((await json(short)).error.fields)).toEqual(["newPassword"]);

    const done = await confirm({ token, newPassword: "a password of my own" });
    expect(done.status).toBe(200);
    const session = await json(done);
    expect(session.user.email).toBe(email);
    expect((await call("/api/me", { token: session.accessToken })).status).toBe(200);
    // Whoever was signed in with the old password is out.
    expect((await call("/api/me", { token: elsewhere })).status).toBe(401);
    expect((await signIn(email, "correct horse battery")).status).toBe(401);
    expect((await signIn(email, "a password of my own")).status).toBe(200);

    // The link works once.
    const again = await confirm({ token, newPassword: "yet another password" });
    expect(again.status).toBe(400);
    expect((await json(again)).error.fields).toEqual({ token: ["invalid"] });
    expect((await signIn(email, "a password of my own")).status).toBe(200);
  });

  it("refuses a link after its hour, and a forged one", async () => {
    const { email } = await signUp();
    const user = (await database(env.DB).select().from(users).where(eq(users.email, email)).get())!;
    const { fetch } = withMailbox();
    const old = await issuePasswordReset(env, user, Date.now() - 3_601_000);
    const expired = await fetch("/api/auth/password-reset/confirm", { token: old, newPassword: "a new password" });
    expect((await json(expired)).error.fields).toEqual({ token: ["expired"] });
    const forged = `${user.id}.${Math.floor(Date.now() / 1000) + 600}.AAAA`;
    const refused = await fetch("/api/auth/password-reset/confirm", { token: forged, newPassword: "a new password" });
    expect((await json(refused)).error.fields).toEqual({ token: ["invalid"] });
    expect((await signIn(email, "correct horse battery")).status).toBe(200);
  });

  it("sends nothing to an account that signs in through Supabase, and throttles resets of one email", async () => {
    const sub = crypto.randomUUID();
    const supabase = await signedToken(
      { iss: env.SUPABASE_ISSUER, aud: "authenticated", sub, email: `${sub}@example.com` },
      env.SUPABASE_JWT_SECRET,
    );
    expect((await call("/api/me", { token: supabase })).status).toBe(200);
    const mailbox = withMailbox({ RATE_LIMIT_PASSWORD_RESET: "2/3600" });
    expect((await mailbox.fetch("/api/auth/password-reset", { email: `${sub}@example.com` })).status).toBe(202);
    expect(mailbox.sent).toEqual([]);

    const { email } = await signUp();
    for (let i = 0; i < 2; i++) expect((await mailbox.fetch("/api/auth/password-reset", { email })).status).toBe(202);
    const refused = await mailbox.fetch("/api/auth/password-reset", { email });
    expect(refused.status).toBe(429);
    expect((await json(refused)).error.code).toBe("rate_limited");
    // English when the page does not say.
    expect(mailbox.sent.map((m) => m.subject)).toEqual([
      "Choose a new password for Refrain",
      "Choose a new password for Refrain",
    ]);
  });
});
