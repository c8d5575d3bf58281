import { and, eq, gte } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { users, type Database } from "../../db";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../http/context";
import { userForExternalSubject } from "./sessions";
import { sha256Hex } from "./random";
import { verifyAccessToken, type TokenSubject } from "./tokens";

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

/** Every /api route but sign-in, webhooks, media links and the docs needs a user. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const subject = token ? await verifyAccessToken(c.env, token) : null;
  if (!subject) throw new ApiError("unauthorized", "A valid access token is required", undefined, undefined, { "WWW-Authenticate": 'Bearer realm="refrain"' });
  const db = c.var.db;
  const gone = () => new ApiError("unauthorized", "This account no longer exists");
  if (subject.source === "supabase" && (await deletedBefore(db, subject))) throw gone();
  const user =
    subject.source === "refrain"
      ? await db.select().from(users).where(eq(users.id, subject.subject)).get()
      : await userForExternalSubject(c.env, db, subject.subject, subject.email);
  // A deleted account's tokens die with it, though they are still signed and unexpired.
  if (!user || user.deletedAt !== null) throw gone();
  c.set("user", { id: user.id, role: user.role });
  await next();
});
