import { z } from "@hono/zod-openapi";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The one table of error codes: the error class, the HTTP mapping and the documented responses derive from it. */
export const errorTable = {
  validation_failed: { status: 400, description: "The request is malformed or a field is invalid." },
  unauthorized: { status: 401, description: "No valid access token was given." },
  insufficient_credits: { status: 402, description: "The account does not have enough credits." },
  forbidden: { status: 403, description: "The link or signature is invalid or has expired." },
  challenge_failed: {
    status: 403,
    description: "The anti-robot check (Cloudflare Turnstile) is missing, failed or expired.",
  },
  account_on_hold: {
    status: 403,
    description:
      "The account is on hold: a payment for credits it already spent was refunded or disputed; an operator must review it.",
  },
  not_found: { status: 404, description: "No such resource for this account." },
  conflict: { status: 409, description: "The request conflicts with the resource's current state." },
  gone: { status: 410, description: "The resource existed and was withdrawn by its owner." },
  idempotency_conflict: { status: 422, description: "This Idempotency-Key was already used with another body." },
  payload_too_large: { status: 413, description: "The request body is too large." },
  rate_limited: { status: 429, description: "Too many requests; retry after the given delay." },
  quota_exceeded: {
    status: 429,
    description: "The account's daily quota is used up; retry after the given delay (the next UTC day).",
  },
  internal: { status: 500, description: "An unexpected error on our side." },
  unavailable: { status: 503, description: "A dependency is unavailable; retry later." },
  idempotency_in_progress: {
    status: 409,
    description: "The first request with this Idempotency-Key is still being processed; retry after the given delay.",
  },
} as const satisfies Record<string, { status: ContentfulStatusCode; description: string }>;

export type ErrorCode = keyof typeof errorTable;
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** Extra members of the error body, e.g. the balance on a 402. */
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get status(): ContentfulStatusCode {
    return errorTable[this.code].status;
  }
  toBody() {
    return { error: { code: this.code, message: this.message, fields: this.fields ?? {}, ...this.details } };
  }
}

export const notFound = (what: string) => new ApiError("not_found", `${what} not found`);

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorTable) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())),
    }),
  })
  .meta({ id: "Error" });

/** OpenAPI responses for the error codes a route can answer, grouped by status. */
export function errorResponses(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes)
    byStatus.set(errorTable[code].status, [...(byStatus.get(errorTable[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, cs]) => [
      status,
      {
        description: cs.map((c) => `\`${c}\`: ${errorTable[c].description}`).join(" "),
        content: { "application/json": { schema: errorBodySchema } },
      },
    ]),
  );
}

export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join(".") : "_";
    (fields[path] ??= []).push(issue.message);
  }
  return fields;
}
