import { eq } from "drizzle-orm";
import { type Database, type User, users } from "../../db";
import { hmacVerify, signTicket, ticketParts } from "./hmac";

/**
 * A reset link works for an hour, and once: it is signed over the password it replaces, so any new
 * password (set through it or from the account page) ends it, and no table of tokens is kept.
 */
export const PASSWORD_RESET_TTL_SECONDS = 3600;

const message = (userId: string, expires: number, passwordHash: string) =>
  `password-reset:${userId}:${expires}:${passwordHash}`;

export async function issuePasswordReset(
  env: Env,
  user: Pick<User, "id" | "passwordHash">,
  now = Date.now(),
): Promise<string> {
  const expires = Math.floor(now / 1000) + PASSWORD_RESET_TTL_SECONDS;
  return signTicket(env.AUTH_JWT_SECRET, user.id, expires, message(user.id, expires, user.passwordHash ?? ""));
}

/** The account a reset token is for, while it has not expired nor been used. */
export async function verifyPasswordReset(
  env: Env,
  db: Database,
  token: string,
  now = Date.now(),
): Promise<User | "expired" | "invalid"> {
  const parts = ticketParts(token);
  if (!parts) return "invalid";
  const user = await db.select().from(users).where(eq(users.id, parts.subject)).get();
  if (
    !user?.passwordHash ||
    user.deletedAt !== null ||
    !(await hmacVerify(env.AUTH_JWT_SECRET, message(user.id, parts.expires, user.passwordHash), parts.signature))
  )
    return "invalid";
  return parts.expires * 1000 > now ? user : "expired";
}
