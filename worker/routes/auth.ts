import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { users } from "../../db";
import { languages } from "../../domain/values";
import {
  changePassword,
  clearSessionCookies,
  consumeRefreshToken,
  issueAccessToken,
  issuePasswordReset,
  issueRefreshToken,
  PASSWORD_RESET_TTL_SECONDS,
  refreshCookie,
  requireUser,
  revokeRefreshToken,
  setPassword,
  setSessionCookies,
  signIn,
  signUp,
  verifyPasswordReset,
} from "../auth";
import { config } from "../config";
import { router } from "../http/app-factory";
import type { AppEnv } from "../http/context";
import { ApiError, errorResponses, notFound } from "../http/errors";
import { json } from "../http/openapi";
import { passwordResetMail, sendMail } from "../mail";
import { log } from "../observability";
import { admitPasswordReset, admitSignIn, admitSignUp, turnstileHeaderSchema } from "../security";

const credentials = z
  .object({ email: z.email().max(254), password: z.string().min(8, "At least 8 characters").max(200) })
  .meta({ id: "Credentials" });
const passwordChange = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(8, "At least 8 characters").max(200),
  })
  .meta({ id: "PasswordChange" });
const resetRequest = z
  .object({
    email: z.email().max(254),
    language: z.enum(languages).default("en").describe("The language of the email: the page's."),
  })
  .meta({ id: "PasswordResetRequest" });
const resetAsked = z
  .object({ expiresInSeconds: z.int().describe("How long the link in the email works.") })
  .meta({ id: "PasswordResetAsked" });
const reset = z
  .object({
    token: z.string().min(1).max(500).describe("The token of the link in the email."),
    newPassword: z.string().min(8, "At least 8 characters").max(200),
  })
  .meta({ id: "PasswordReset" });
const userSchema = z
  .object({ id: z.string(), email: z.string().nullable(), role: z.enum(["user", "admin"]) })
  .meta({ id: "User" });
const session = z
  .object({ accessToken: z.string(), tokenType: z.literal("Bearer"), expiresIn: z.int(), user: userSchema })
  .meta({ id: "Session" });

/** A sign-in starts a session (`sessionId` null); a refresh continues its own. */
async function startSession(
  c: Context<AppEnv>,
  user: { id: string; email: string | null; role: "user" | "admin" },
  sessionId: string | null = null,
) {
  const refresh = await issueRefreshToken(c.env, c.var.db, user.id, sessionId);
  const { token, expiresIn } = await issueAccessToken(c.env, user.id, user.role, refresh.sessionId);
  setSessionCookies(c, refresh.token, refresh.maxAge);
  return {
    accessToken: token,
    tokenType: "Bearer" as const,
    expiresIn,
    user: { id: user.id, email: user.email, role: user.role },
  };
}

export const authRoutes = router()
  .openapi(
    createRoute({
      method: "post",
      path: "/api/auth/signup",
      tags: ["Account"],
      summary: "Create an account with email and password",
      request: {
        headers: z.object({ "cf-turnstile-response": turnstileHeaderSchema }),
        body: json(credentials, "Email and password"),
      },
      responses: {
        201: json(session, "Signed in; the refresh token is set as an HttpOnly cookie"),
        ...errorResponses("validation_failed", "challenge_failed", "conflict", "rate_limited", "unavailable"),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid("json");
      await admitSignUp(c);
      return c.json(await startSession(c, await signUp(c.env, c.var.db, email, password)), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/auth/signin",
      tags: ["Account"],
      summary: "Sign in with email and password",
      request: { body: json(credentials, "Email and password") },
      responses: {
        200: json(session, "Signed in"),
        ...errorResponses("validation_failed", "unauthorized", "rate_limited"),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid("json");
      await admitSignIn(c, email);
      return c.json(await startSession(c, await signIn(c.var.db, email, password)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/auth/refresh",
      tags: ["Account"],
      summary: "Trade the refresh cookie for a new access token (the cookie is rotated)",
      description:
        "A refresh token works once. One already traded that comes back means someone else holds a copy: the whole session (the sign-in it came from) ends, and every refresh and access token of it is refused from then on.",
      responses: {
        200: json(session, "A new session"),
        204: { description: "No refresh cookie: nobody is signed in on this browser, and nothing was refreshed" },
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      // Every page asks on load whether someone is signed in: a visitor is an answer, not an error.
      const cookie = refreshCookie(c);
      if (!cookie) return c.body(null, 204);
      const { user, sessionId } = await consumeRefreshToken(c.var.db, cookie).catch((error: unknown) => {
        // A session that has ended is gone from this browser too: its pages stop expecting someone signed in.
        clearSessionCookies(c);
        throw error;
      });
      return c.json(await startSession(c, user, sessionId), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/auth/signout",
      tags: ["Account"],
      summary: "End the session",
      description:
        "Ends the session of the refresh cookie: its refresh tokens and the access tokens issued with them stop working.",
      responses: { 204: { description: "Signed out" } },
    }),
    async (c) => {
      const token = refreshCookie(c);
      if (token) await revokeRefreshToken(c.var.db, token);
      clearSessionCookies(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/auth/password",
      tags: ["Account"],
      summary: "Change your password",
      description:
        "Takes the current password and a new one. Every session of the account ends, on every device; the answer is a new session for this one (its refresh cookie set). Accounts that sign in through Supabase change their password there (409). Wrong current passwords are throttled like sign-ins.",
      security: [{ bearer: [] }],
      middleware: requireUser,
      request: { body: json(passwordChange, "The current password and the new one") },
      responses: {
        200: json(session, "Changed; a new session for this device"),
        ...errorResponses("validation_failed", "unauthorized", "conflict", "rate_limited"),
      },
    }),
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid("json");
      const account = await c.var.db
        .select({ email: users.email })
        .from(users)
        .where(eq(users.id, c.var.user.id))
        .get();
      await admitSignIn(c, account?.email ?? c.var.user.id);
      const user = await changePassword(c.var.db, c.var.user.id, currentPassword, newPassword);
      return c.json(await startSession(c, user), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/auth/password-reset",
      tags: ["Account"],
      summary: "Email a link to choose a new password",
      description:
        "The same answer whether or not an account with a password uses this email, so the form does not tell who has an account; when one does, an email in the given language carries a link that works once, for PASSWORD_RESET_TTL_SECONDS. Throttled per address and per email.",
      request: { body: json(resetRequest, "The account's email") },
      responses: {
        202: json(resetAsked, "If an account uses this email, the link is on its way"),
        ...errorResponses("validation_failed", "rate_limited"),
      },
    }),
    async (c) => {
      const { email, language } = c.req.valid("json");
      await admitPasswordReset(c, email);
      const user = await c.var.db.select().from(users).where(eq(users.email, email.toLowerCase())).get();
      if (user?.passwordHash && user.deletedAt === null) {
        // Sent after the answer, which then takes as long whether or not the account exists.
        const sending = issuePasswordReset(c.env, user)
          .then(async (token) => {
            // In the fragment: it stays out of server logs and Referer headers.
            const link = `${config(c.env).PUBLIC_URL}/${language}/reset#${token}`;
            await sendMail(c.env, await passwordResetMail(user.email ?? email, language, link));
            log("info", "password reset sent", { requestId: c.var.requestId, user: user.id });
          })
          .catch((error) =>
            log("error", "password reset email not sent", { requestId: c.var.requestId, user: user.id, error }),
          );
        c.executionCtx.waitUntil(sending);
      }
      return c.json({ expiresInSeconds: PASSWORD_RESET_TTL_SECONDS }, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/auth/password-reset/confirm",
      tags: ["Account"],
      summary: "Choose a new password with the link from the email",
      description:
        "Sets the password; every session of the account ends, and the answer is a new one for this device. A link works once: it is refused once expired or after any new password (400, field `token`).",
      request: { body: json(reset, "The link's token and the new password") },
      responses: {
        200: json(session, "The password is set; signed in"),
        ...errorResponses("validation_failed"),
      },
    }),
    async (c) => {
      const { token, newPassword } = c.req.valid("json");
      const user = await verifyPasswordReset(c.env, c.var.db, token);
      if (user === "expired" || user === "invalid")
        throw new ApiError(
          "validation_failed",
          user === "expired"
            ? "This link has expired: ask for a new one"
            : "This link is not valid or was already used",
          { token: [user] },
        );
      await setPassword(c.var.db, user.id, newPassword);
      log("info", "password reset", { requestId: c.var.requestId, user: user.id });
      return c.json(await startSession(c, user), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/me",
      tags: ["Account"],
      summary: "The signed-in user",
      security: [{ bearer: [] }],
      middleware: requireUser,
      responses: { 200: json(userSchema, "The user"), ...errorResponses("unauthorized") },
    }),
    async (c) => {
      const user = await c.var.db.select().from(users).where(eq(users.id, c.var.user.id)).get();
      if (!user) throw notFound("User");
      return c.json({ id: user.id, email: user.email, role: user.role }, 200);
    },
  );
