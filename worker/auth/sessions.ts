import { and, eq, gt, isNull } from "drizzle-orm";
import { refreshTokens, users, type Database, type User } from "../../db";
import { grantStatements, isUniqueViolation } from "../credits";
import { ApiError } from "../http/errors";
import { isAdminEmail } from "./admin";
import { hashPassword, verifyPassword } from "./passwords";
import { sha256Hex, randomToken } from "./random";
import { config } from "../config";

export async function createUser(env: Env, db: Database, fields: { email?: string; passwordHash?: string; externalId?: string }): Promise<User> {
  const user: User = {
    id: `usr_${crypto.randomUUID()}`,
    email: fields.email ?? null,
    passwordHash: fields.passwordHash ?? null,
    externalId: fields.externalId ?? null,
    role: fields.email && isAdminEmail(env, fields.email) ? "admin" : "user",
    createdAt: Date.now(),
  };
  await db.batch([db.insert(users).values(user), ...grantStatements(db, user.id, config(env).SIGNUP_CREDITS, { kind: "welcome", text: "welcome credits" }, `signup:${user.id}`)]);
  return user;
}

export async function signUp(env: Env, db: Database, email: string, password: string): Promise<User> {
  try {
    return await createUser(env, db, { email: email.toLowerCase(), passwordHash: await hashPassword(password) });
  } catch (err) {
    if (isUniqueViolation(err, "users.email")) throw new ApiError("conflict", "An account already exists for this email", { email: ["already registered"] });
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

export async function issueRefreshToken(env: Env, db: Database, userId: string): Promise<{ token: string; maxAge: number }> {
  const token = randomToken();
  const maxAge = config(env).REFRESH_TOKEN_TTL_SECONDS;
  const now = Date.now();
  await db.insert(refreshTokens).values({ tokenHash: await sha256Hex(token), userId, expiresAt: now + maxAge * 1000, createdAt: now });
  return { token, maxAge };
}

/** Rotation: a refresh token works once; the conditional update makes two concurrent uses yield one winner. */
export async function consumeRefreshToken(db: Database, token: string): Promise<User> {
  const tokenHash = await sha256Hex(token);
  const now = Date.now();
  const used = await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, now)))
    .returning({ userId: refreshTokens.userId });
  const userId = used[0]?.userId;
  const user = userId ? await db.select().from(users).where(eq(users.id, userId)).get() : undefined;
  if (!user) throw new ApiError("unauthorized", "The session has expired; sign in again");
  return user;
}

export async function revokeRefreshToken(db: Database, token: string): Promise<void> {
  await db.update(refreshTokens).set({ revokedAt: Date.now() }).where(eq(refreshTokens.tokenHash, await sha256Hex(token)));
}
