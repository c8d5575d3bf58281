import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { users } from "../../db";
import {
  changePassword,
  consumeRefreshToken,
  issueAccessToken,
  issueRefreshToken,
  requireUser,
  revokeRefreshToken,
  signIn,
  signUp,
} from "../auth";
import { router } from "../http/app-factory";
import type { AppEnv } from "../http/context";
import { errorResponses, notFound } from "../http/errors";
import { json } from "../http/openapi";
import { admitSignIn, admitSignUp, turnstileHeaderSchema } from "../security";

const REFRESH_COOKIE = "refrain_refresh";

const credentials = z
  .object({ email: z.email().max(254), password: z.string().min(8, "At least 8 characters").max(200) })
  .meta({ id: "Credentials" });
const passwordChange = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(8, "At least 8 characters").max(200),
  })
  .meta({ id: "PasswordChange" });
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
  setCookie(c, REFRESH_COOKIE, refresh.token, {
    httpOnly: true,
    secure: c.req.url.startsWith("https:"),
    sameSite: "Lax",
    path: "/api/auth",
    maxAge: refresh.maxAge,
  });
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
      responses: { 200: json(session, "A new session"), ...errorResponses("unauthorized") },
    }),
    async (c) => {
      const { user, sessionId } = await consumeRefreshToken(c.var.db, getCookie(c, REFRESH_COOKIE) ?? "");
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
      const token = getCookie(c, REFRESH_COOKIE);
      if (token) await revokeRefreshToken(c.var.db, token);
      deleteCookie(c, REFRESH_COOKIE, { path: "/api/auth" });
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
