import { eq } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { users } from "../../db";
import { ApiError } from "../http/errors";
import type { AppEnv } from "../http/context";
import { userForExternalSubject } from "./sessions";
import { verifyAccessToken } from "./tokens";

/** Every /api route but sign-in, webhooks, media links and the docs needs a user. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const subject = token ? await verifyAccessToken(c.env, token) : null;
  if (!subject) throw new ApiError("unauthorized", "A valid access token is required", undefined, undefined, { "WWW-Authenticate": 'Bearer realm="refrain"' });
  const db = c.var.db;
  const user =
    subject.source === "refrain"
      ? await db.select().from(users).where(eq(users.id, subject.subject)).get()
      : await userForExternalSubject(c.env, db, subject.subject, subject.email);
  if (!user) throw new ApiError("unauthorized", "This account no longer exists");
  c.set("user", { id: user.id, role: user.role });
  await next();
});
