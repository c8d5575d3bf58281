import { createMiddleware } from "hono/factory";
import { config } from "../config";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";

/** After requireUser: operators only. Others get 404, as for anything that is not theirs. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.user.role !== "admin") throw new ApiError("not_found", "No such route");
  await next();
});

export const isAdminEmail = (env: Env, email: string) => config(env).ADMIN_EMAILS.includes(email.toLowerCase());
