import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context";
import { ApiError, fieldErrorsFromZod } from "./errors";

/** Every router is made here so a failed validation always answers the project's error shape. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new ApiError("validation_failed", "Some fields are invalid", fieldErrorsFromZod(result.error));
    },
  });
}
