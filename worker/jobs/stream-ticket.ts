import { hmacVerify, signTicket, ticketParts } from "../auth";

// EventSource cannot send headers, and an access token in a URL lands in logs and histories. A
// stream ticket instead opens one job's event stream, for one user, for a minute: `user.expires.sig`.
export const STREAM_TICKET_TTL_SECONDS = 60;

const message = (userId: string, jobId: string, expires: number) => `stream:${userId}:${jobId}:${expires}`;

export async function issueStreamTicket(env: Env, userId: string, jobId: string, now = Date.now()) {
  const expires = Math.floor(now / 1000) + STREAM_TICKET_TTL_SECONDS;
  return {
    ticket: await signTicket(env.AUTH_JWT_SECRET, userId, expires, message(userId, jobId, expires)),
    expiresAt: new Date(expires * 1000).toISOString(),
  };
}

/** The user a ticket speaks for, when it was issued for this job and has not expired. */
export async function verifyStreamTicket(
  env: Env,
  jobId: string,
  ticket: string,
  now = Date.now(),
): Promise<{ userId: string } | "expired" | "invalid"> {
  const parts = ticketParts(ticket);
  if (!parts || !(await hmacVerify(env.AUTH_JWT_SECRET, message(parts.subject, jobId, parts.expires), parts.signature)))
    return "invalid";
  return parts.expires * 1000 > now ? { userId: parts.subject } : "expired";
}
