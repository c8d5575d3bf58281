import { hmacSign, hmacVerify } from "../auth";

// The callback URL handed to an engine carries a token derived from the job id with our secret:
// unguessable without the secret, and nothing to store.
export const callbackToken = (env: Env, jobId: string) => hmacSign(env.AUTH_JWT_SECRET, `callback:${jobId}`);
export const verifyCallbackToken = (env: Env, jobId: string, token: string) =>
  hmacVerify(env.AUTH_JWT_SECRET, `callback:${jobId}`, token);

export async function callbackUrl(env: Env, provider: string, jobId: string): Promise<string> {
  const url = new URL(`/api/webhooks/${encodeURIComponent(provider)}`, env.PUBLIC_URL);
  url.searchParams.set("job", jobId);
  url.searchParams.set("token", await callbackToken(env, jobId));
  return url.toString();
}
