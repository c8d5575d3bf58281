import { and, eq, gte } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { authSessions, type Database, users } from "../../db";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import { sha256Hex } from "./random";
import { userForExternalSubject } from "./sessions";
import { type TokenSubject, verifyAccessToken } from "./tokens";

const challenge = { "WWW-Authenticate": 'Bearer realm="refrain"' };

/** A Supabase token issued before its account here was deleted: the erased account keeps only a hash of the `sub`. */
async function deletedBefore(db: Database, subject: TokenSubject): Promise<boolean> {
  const issuedAtMs = (subject.issuedAt ?? 0) * 1000;
  const tombstone = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.externalIdHash, await sha256Hex(subject.subject)), gte(users.deletedAt, issuedAtMs)))
    .get();
  return tombstone !== undefined;
}

export type Account = AppEnv["Variables"]["user"];

/** Our own token's user read with its session in one query, run alone or inside a route's first batch. */
export function accountQuery(db: Database, subject: TokenSubject) {
  return db
    .select({
      id: users.id,
      role: users.role,
      email: users.email,
      orderEmails: users.orderEmails,
      deletedAt: users.deletedAt,
      // Not the session's `id`: in a batch, D1 answers rows keyed by column name, and users has an `id` too.
      sessionOf: authSessions.userId,
      sessionEndedAt: authSessions.endedAt,
    })
    .from(users)
    .leftJoin(authSessions, and(eq(authSessions.id, subject.sessionId ?? ""), eq(authSessions.userId, users.id)))
    .where(eq(users.id, subject.subject));
}

const gone = () => new ApiError("unauthorized", "This account no longer exists", undefined, undefined, challenge);

/** What `accountQuery`'s row says: the account, or the request refused (session ended, account deleted). */
export function accountOf(
  subject: TokenSubject,
  row: Awaited<ReturnType<typeof accountQuery>>[number] | undefined,
): Account {
  if (!row) throw gone();
  // Signed out, or ended because one of its refresh tokens was replayed: its access tokens die with it.
  if (subject.sessionId && (!row.sessionOf || row.sessionEndedAt !== null))
    throw new ApiError("unauthorized", "This session has ended; sign in again", undefined, undefined, challenge);
  // A deleted account's tokens die with it, though they are still signed and unexpired.
  if (row.deletedAt !== null) throw gone();
  return { id: row.id, role: row.role, email: row.email, orderEmails: row.orderEmails };
}

async function signedSubject(c: Context<AppEnv>): Promise<TokenSubject> {
  const header = c.req.header("authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const subject = token ? await verifyAccessToken(c.env, token) : null;
  if (!subject) throw new ApiError("unauthorized", "A valid access token is required", undefined, undefined, challenge);
  return subject;
}

async function externalAccount(c: Context<AppEnv>, subject: TokenSubject): Promise<Account> {
  const db = c.var.db;
  if (await deletedBefore(db, subject)) throw gone();
  const user = await userForExternalSubject(c.env, db, subject.subject, subject.email);
  if (user.deletedAt !== null) throw gone();
  return { id: user.id, role: user.role, email: user.email, orderEmails: user.orderEmails };
}

/** Every /api route but sign-in, webhooks, media links and the docs needs a user. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const subject = await signedSubject(c);
  c.set(
    "user",
    subject.source === "refrain"
      ? accountOf(subject, await accountQuery(c.var.db, subject).get())
      : await externalAccount(c, subject),
  );
  await next();
});

/**
 * As `requireUser`, except that our own tokens' account and session are left to the route, which reads them in
 * its first D1 batch (`accountQuery`, then `accountOf` before anything is answered): one round trip fewer on a
 * hot route. The token is verified here (signature, expiry), so a request without a valid one is still refused
 * before its body is read; `c.var.token` carries it to the route.
 */
export const requireToken = createMiddleware<AppEnv>(async (c, next) => {
  const subject = await signedSubject(c);
  if (subject.source === "refrain") c.set("token", subject);
  else c.set("user", await externalAccount(c, subject));
  await next();
});
