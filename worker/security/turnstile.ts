import { z } from "@hono/zod-openapi";
import { ApiError } from "../http/errors";

/** Where a client puts the widget's token: a header, so every body schema stays as it is. */
export const TURNSTILE_HEADER = "cf-turnstile-response";

/** The optional header, for the routes' documented request headers. */
export const turnstileHeaderSchema = z.string().max(2048).optional().openapi({
  description:
    "The Cloudflare Turnstile token from the page's widget; required when the service has Turnstile turned on.",
});

const siteverifyAnswer = z.object({ success: z.boolean(), "error-codes": z.array(z.string()).default([]) });

/**
 * Server-side check of a Turnstile token (siteverify). Off while no secret is configured. A token is
 * single-use: callers check it only for a request that will really create something.
 */
export async function verifyTurnstile(
  env: Env,
  token: string | undefined,
  remoteIp: string | undefined,
): Promise<void> {
  if (!env.TURNSTILE_SECRET_KEY) return;
  if (!token)
    throw new ApiError("challenge_failed", "Please complete the anti-robot check (Turnstile) and try again", {
      [TURNSTILE_HEADER]: ["missing"],
    });
  const form = new URLSearchParams({ secret: env.TURNSTILE_SECRET_KEY, response: token });
  if (remoteIp) form.set("remoteip", remoteIp);
  let answer: z.infer<typeof siteverifyAnswer>;
  try {
    const response = await fetch(env.TURNSTILE_VERIFY_URL, {
      method: "POST",
      body: form,
      signal: AbortSignal.timeout(10_000),
    });
    answer = siteverifyAnswer.parse(await response.json());
  } catch (err) {
    console.error(JSON.stringify({ level: "error", msg: "turnstile siteverify unreachable", error: String(err) }));
    throw new ApiError(
      "unavailable",
      "The anti-robot check cannot be verified right now; please retry in a minute",
      undefined,
      undefined,
      { "Retry-After": "60" },
    );
  }
  if (!answer.success)
    throw new ApiError("challenge_failed", "The anti-robot check (Turnstile) failed or expired; please try again", {
      [TURNSTILE_HEADER]: answer["error-codes"].length ? answer["error-codes"] : ["refused"],
    });
}
