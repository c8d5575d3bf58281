import { and, eq, gte } from "drizzle-orm";
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

/** Our own tokens' user, read with the token's session in the same query: an ended session's tokens are refused. */
async function ownUser(db: Database, subject: TokenSubject) {
  const row = await db
    .select({
      id: users.id,
      role: users.role,
      deletedAt: users.deletedAt,
      sessionId: authSessions.id,
      sessionEndedAt: authSessions.endedAt,
    })
    .from(users)
    .leftJoin(authSessions, and(eq(authSessions.id, subject.sessionId ?? ""), eq(authSessions.userId, users.id)))
    .where(eq(users.id, subject.subject))
    .get();
  if (!row) return undefined;
  // Signed out, or ended because one of its refresh tokens was replayed: its access tokens die with it.
  if (subject.sessionId && (!row.sessionId || row.sessionEndedAt !== null))
    throw new ApiError("unauthorized", "This session has ended; sign in again", undefined, undefined, challenge);
  return row;
}

/** Every /api route but sign-in, webhooks, media links and the docs needs a user. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const subject = token ? await verifyAccessToken(c.env, token) : null;
  if (!subject) throw new ApiError("unauthorized", "A valid access token is required", undefined, undefined, challenge);
  const db = c.var.db;
  const gone = () => new ApiError("unauthorized", "This account no longer exists", undefined, undefined, challenge);
  if (subject.source === "supabase" && (await deletedBefore(db, subject))) throw gone();
  const user =
    subject.source === "refrain"
      ? await ownUser(db, subject)
      : await userForExternalSubject(c.env, db, subject.subject, subject.email);
  // A deleted account's tokens die with it, though they are still signed and unexpired.
  if (!user || user.deletedAt !== null) throw gone();
  c.set("user", { id: user.id, role: user.role });
  await next();
});
