import { and, eq, gt, isNull } from "drizzle-orm";
import { authSessions, type Database, refreshTokens, type SessionEndReason, type User, users } from "../../db";
import { config } from "../config";
import { grantStatements, isUniqueViolation } from "../credits";
import { ApiError } from "../http/errors";
import { log } from "../observability";
import { isAdminEmail } from "./admin";
import { hashPassword, verifyPassword } from "./passwords";
import { randomToken, sha256Hex } from "./random";

export async function createUser(
  env: Env,
  db: Database,
  fields: { email?: string; passwordHash?: string; externalId?: string },
): Promise<User> {
  const user: User = {
    id: `usr_${crypto.randomUUID()}`,
    email: fields.email ?? null,
    passwordHash: fields.passwordHash ?? null,
    externalId: fields.externalId ?? null,
    role: fields.email && isAdminEmail(env, fields.email) ? "admin" : "user",
    orderEmails: true,
    createdAt: Date.now(),
    deletedAt: null,
    erasedAt: null,
    externalIdHash: null,
  };
  await db.batch([
    db.insert(users).values(user),
    ...grantStatements(
      db,
      user.id,
      config(env).SIGNUP_CREDITS,
      { kind: "welcome", text: "welcome credits" },
      `signup:${user.id}`,
    ),
  ]);
  return user;
}

export async function signUp(env: Env, db: Database, email: string, password: string): Promise<User> {
  try {
    return await createUser(env, db, { email: email.toLowerCase(), passwordHash: await hashPassword(password) });
  } catch (err) {
    if (isUniqueViolation(err, "users.email"))
      throw new ApiError("conflict", "An account already exists for this email", { email: ["already registered"] });
    throw err;
  }
}

export async function signIn(db: Database, email: string, password: string): Promise<User> {
  const user = await db.select().from(users).where(eq(users.email, email.toLowerCase())).get();
  // Hash anyway when the account is unknown, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA");
  if (!user || !ok) throw new ApiError("unauthorized", "Wrong email or password");
  return user;
}

/** Supabase users get an account of ours the first time one of their tokens is seen. */
export async function userForExternalSubject(env: Env, db: Database, subject: string, email?: string): Promise<User> {
  const existing = await db.select().from(users).where(eq(users.externalId, subject)).get();
  if (existing) return existing;
  try {
    return await createUser(env, db, { externalId: subject, ...(email ? { email: email.toLowerCase() } : {}) });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const raced = await db.select().from(users).where(eq(users.externalId, subject)).get();
    if (raced) return raced;
    throw new ApiError("conflict", "This email is already used by another account");
  }
}

/**
 * A refresh token of a session; a sign-in starts the session (`sessionId` null), a refresh continues it.
 * Answers the session's id, which the access token issued with it names.
 */
export async function issueRefreshToken(
  env: Env,
  db: Database,
  userId: string,
  sessionId: string | null,
): Promise<{ token: string; maxAge: number; sessionId: string }> {
  const token = randomToken();
  const maxAge = config(env).REFRESH_TOKEN_TTL_SECONDS;
  const now = Date.now();
  const session = sessionId ?? `ses_${crypto.randomUUID()}`;
  const row = db.insert(refreshTokens).values({
    tokenHash: await sha256Hex(token),
    userId,
    sessionId: session,
    expiresAt: now + maxAge * 1000,
    createdAt: now,
  });
  if (sessionId) await row;
  else await db.batch([db.insert(authSessions).values({ id: session, userId, createdAt: now }), row]);
  return { token, maxAge, sessionId: session };
}

/**
 * Ends one session, or every session of an account: their refresh tokens stop working now, their access
 * tokens at their next use. Statements, so that a caller can end them in its own batch.
 */
function endSessions(
  db: Database,
  scope: { sessionId: string } | { userId: string },
  reason: SessionEndReason,
  now: number,
) {
  const [sessions, tokens] =
    "sessionId" in scope
      ? [eq(authSessions.id, scope.sessionId), eq(refreshTokens.sessionId, scope.sessionId)]
      : [eq(authSessions.userId, scope.userId), eq(refreshTokens.userId, scope.userId)];
  return [
    db
      .update(authSessions)
      .set({ endedAt: now, endedBy: reason })
      .where(and(sessions, isNull(authSessions.endedAt))),
    db
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(tokens, isNull(refreshTokens.revokedAt))),
  ] as const;
}

/**
 * Rotation: a refresh token works once; the conditional update makes two concurrent uses yield one winner.
 * A token already traded that comes back means two parties hold the session (a stolen cookie, or the thief
 * was first): the whole session ends, so the newer tokens in either hand stop working too.
 */
export async function consumeRefreshToken(
  db: Database,
  token: string,
): Promise<{ user: User; sessionId: string | null }> {
  const tokenHash = await sha256Hex(token);
  const now = Date.now();
  const [used] = await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(
      and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, now)),
    )
    .returning({ userId: refreshTokens.userId, sessionId: refreshTokens.sessionId });
  if (!used) {
    const known = await db
      .select({ userId: refreshTokens.userId, sessionId: refreshTokens.sessionId, revokedAt: refreshTokens.revokedAt })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .get();
    if (known?.revokedAt && known.sessionId) {
      await db.batch(endSessions(db, { sessionId: known.sessionId }, "refresh_reused", now));
      log("warn", "refresh token reused: session ended", { user: known.userId, session: known.sessionId });
    }
    throw new ApiError("unauthorized", "The session has expired; sign in again");
  }
  const user = await db.select().from(users).where(eq(users.id, used.userId)).get();
  if (!user || user.deletedAt !== null) throw new ApiError("unauthorized", "The session has expired; sign in again");
  return { user, sessionId: used.sessionId };
}

/**
 * A new password for an account that has one, the current one given (from the account page).
 * Every session of the account ends with it; the caller starts a new one for this device.
 */
export async function changePassword(db: Database, userId: string, current: string, next: string): Promise<User> {
  const user = await db.select().from(users).where(eq(users.id, userId)).get();
  if (!user?.passwordHash)
    throw new ApiError("conflict", "This account signs in through Supabase: its password is changed there");
  if (!(await verifyPassword(current, user.passwordHash)))
    throw new ApiError("validation_failed", "The current password is not this account's", {
      currentPassword: ["does not match"],
    });
  await setPassword(db, userId, next);
  return user;
}

/**
 * Sets an account's password and ends every one of its sessions, on every device: whoever knew the old
 * password may hold one.
 */
export async function setPassword(db: Database, userId: string, next: string): Promise<void> {
  await db.batch([
    db
      .update(users)
      .set({ passwordHash: await hashPassword(next) })
      .where(eq(users.id, userId)),
    ...endSessions(db, { userId }, "password_changed", Date.now()),
  ]);
}

/** Signing out ends the whole session the refresh token belongs to. */
export async function revokeRefreshToken(db: Database, token: string): Promise<void> {
  const now = Date.now();
  const [revoked] = await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(eq(refreshTokens.tokenHash, await sha256Hex(token)))
    .returning({ sessionId: refreshTokens.sessionId });
  if (revoked?.sessionId) await db.batch(endSessions(db, { sessionId: revoked.sessionId }, "signed_out", now));
}
