// Test fixture: Cloudflare Turnstile's siteverify endpoint with the documented test secret keys
// (developers.cloudflare.com/turnstile/reference/testing/): 1x…AA always passes, 2x…AA always
// fails, 3x…AA answers "token already spent". Any other secret behaves like a real one: it refuses
// the dummy token the test site keys hand out, and accepts only tokens this fixture issued.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export const TURNSTILE_PASS_SECRET = "1x0000000000000000000000000000000AA";
export const TURNSTILE_FAIL_SECRET = "2x0000000000000000000000000000000AA";
export const TURNSTILE_SPENT_SECRET = "3x0000000000000000000000000000000AA";
export const TURNSTILE_DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
/** A token a real widget would have produced, for the fixture's "real" secret. */
export const TURNSTILE_REAL_TOKEN = "0.sim-solved-challenge";

export async function startTurnstileSimulator(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      const form = new URLSearchParams(text);
      const secret = form.get("secret") ?? "";
      const token = form.get("response") ?? "";
      const errors = !secret
        ? ["missing-input-secret"]
        : !token
          ? ["missing-input-response"]
          : secret === TURNSTILE_PASS_SECRET
            ? []
            : secret === TURNSTILE_FAIL_SECRET
              ? ["invalid-input-response"]
              : secret === TURNSTILE_SPENT_SECRET
                ? ["timeout-or-duplicate"]
                : token === TURNSTILE_REAL_TOKEN
                  ? []
                  : ["invalid-input-response"];
      const body = JSON.stringify({
        success: errors.length === 0,
        "error-codes": errors,
        ...(errors.length
          ? {}
          : { challenge_ts: new Date().toISOString(), hostname: "refrain.test", action: "", cdata: "" }),
      });
      const answer = () =>
        res
          .writeHead(req.method === "POST" && req.url === "/turnstile/v0/siteverify" ? 200 : 404, {
            "content-type": "application/json",
          })
          .end(body);
      // A token "sim-slow-<ms>" is answered that late, as by a slow challenge service.
      const slow = /^sim-slow-(\d+)$/.exec(token);
      if (slow) setTimeout(answer, Number(slow[1]));
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/turnstile/v0/siteverify`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
