import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { jobStatuses, languages, ledgerKinds, ledgerReasonKinds, users, vocals } from "../../db";
import { accountView, exportAccount, requestDeletion } from "../account";
import { clearSessionCookies, requireAdmin, requireUser } from "../auth";
import { verifyPassword } from "../auth/passwords";
import { router } from "../http/app-factory";
import { ApiError, errorResponses, notFound } from "../http/errors";
import { bearer, json } from "../http/openapi";
import { lyricsSchema } from "../jobs/schemas";
import { log } from "../observability";
import { admitSignIn } from "../security";
import { giftSchema } from "./gifts";

const iso = z.iso.datetime();

const accountSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    role: z.enum(["user", "admin"]),
    orderEmails: z
      .boolean()
      .describe(
        "Whether you are emailed about your orders when you are not on their page: lyrics to approve, song ready, order stopped and refunded.",
      ),
    signIn: z
      .enum(["password", "supabase"])
      .describe("How the person signs in: with a password here, or through Supabase."),
    createdAt: iso,
  })
  .meta({ id: "Account" });

const accountPreferencesSchema = z
  .object({ orderEmails: accountSchema.shape.orderEmails })
  .strict()
  .meta({ id: "AccountPreferences" });

const deletionRequestSchema = z
  .object({
    email: z
      .string()
      .trim()
      .max(254)
      .optional()
      .describe("The account's email, typed by the person (the account id for an account without one)."),
    password: z.string().max(200).optional().describe("The account's password, for accounts that have one."),
  })
  .refine((b) => b.email || b.password, { path: ["email"], message: "Type your email or your password to confirm" })
  .meta({ id: "AccountDeletionRequest" });

const deletionSchema = z
  .object({
    userId: z.string(),
    deletedAt: iso.describe("When the deletion was asked for: every session of the account ended then."),
    erasedAt: iso.nullable().describe("When everything was erased; null while the queued step is still at work."),
  })
  .meta({ id: "AccountDeletion" });

const takeLinksSchema = z.object({
  trackId: z.string(),
  takeIndex: z.int(),
  title: z.string().nullable(),
  format: z.string(),
  durationSeconds: z.number().nullable(),
  sizeBytes: z.int(),
  sha256: z.string(),
  shared: z.boolean(),
  streamUrl: z.string(),
  downloadUrl: z.string(),
  wavDownloadUrl: z.string().nullable(),
  createdAt: iso,
});

const exportSchema = z
  .object({
    exportedAt: iso,
    linksExpireAt: iso.describe("When the takes' signed links expire; export again for fresh ones."),
    account: accountSchema,
    credits: z.object({ balance: z.int(), reserved: z.int(), available: z.int() }),
    projects: z.array(z.object({ id: z.string(), name: z.string(), createdAt: iso })),
    orders: z.array(
      z.object({
        id: z.string(),
        status: z.enum(jobStatuses),
        mode: z.enum(["context", "custom"]),
        title: z.string().nullable(),
        projectId: z.string().nullable(),
        parentJobId: z.string().nullable(),
        credits: z.int(),
        engine: z.string().nullable(),
        error: z.object({ code: z.string(), message: z.string().nullable() }).nullable(),
        brief: z
          .unknown()
          .describe("The brief as it was ordered (occasion, recipient, details…); null for your own lyrics."),
        lyrics: lyricsSchema.nullable(),
        language: z.enum(languages).nullable(),
        vocal: z.enum(vocals).nullable(),
        styleTags: z.array(z.string()),
        mood: z.string().nullable(),
        durationSeconds: z.int().nullable(),
        pronunciations: z.record(z.string(), z.string()).nullable(),
        takes: z.array(takeLinksSchema),
        createdAt: iso,
        finishedAt: iso.nullable(),
      }),
    ),
    ledger: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(ledgerKinds),
        amount: z.int(),
        reason: z.string(),
        reasonKind: z.enum(ledgerReasonKinds),
        jobId: z.string().nullable(),
        createdAt: iso,
      }),
    ),
    gifts: z.array(giftSchema),
  })
  .meta({ id: "AccountExport" });

const adminDeletionSchema = z
  .object({ email: z.email().max(254).optional(), userId: z.string().min(1).max(128).optional() })
  .refine((b) => b.email || b.userId, { path: ["email"], message: "email or userId is required" })
  .meta({ id: "AdminAccountDeletion" });

const mine = { tags: ["Account"], security: bearer, middleware: requireUser };

async function deletionView(db: import("../../db").Database, userId: string) {
  const row = await db
    .select({ deletedAt: users.deletedAt, erasedAt: users.erasedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  return {
    userId,
    deletedAt: new Date(row?.deletedAt ?? Date.now()).toISOString(),
    erasedAt: row?.erasedAt ? new Date(row.erasedAt).toISOString() : null,
  };
}

export const accountRoutes = router()
  .openapi(
    createRoute({
      ...mine,
      method: "get",
      path: "/api/account",
      summary: "Your account",
      responses: { 200: json(accountSchema, "The account"), ...errorResponses("unauthorized") },
    }),
    async (c) => {
      const user = await c.var.db.select().from(users).where(eq(users.id, c.var.user.id)).get();
      if (!user) throw notFound("Account");
      return c.json(accountView(user), 200);
    },
  )
  .openapi(
    createRoute({
      ...mine,
      method: "patch",
      path: "/api/account",
      summary: "Change your account's preferences",
      description:
        "Orders placed from then on follow the new choice; one already running keeps the one it was placed with.",
      request: { body: json(accountPreferencesSchema, "What to change") },
      responses: {
        200: json(accountSchema, "The account, changed"),
        ...errorResponses("validation_failed", "unauthorized"),
      },
    }),
    async (c) => {
      const { orderEmails } = c.req.valid("json");
      const user = await c.var.db
        .update(users)
        .set({ orderEmails })
        .where(eq(users.id, c.var.user.id))
        .returning()
        .get();
      if (!user) throw notFound("Account");
      return c.json(accountView(user), 200);
    },
  )
  .openapi(
    createRoute({
      ...mine,
      method: "get",
      path: "/api/account/export",
      summary: "Everything the account holds, as one JSON document",
      description:
        "The account, every order with its brief, lyrics and takes (signed links, valid MEDIA_LINK_TTL_SECONDS), the credit ledger, projects and gifts.",
      responses: { 200: json(exportSchema, "The export, sent as a file to save"), ...errorResponses("unauthorized") },
    }),
    async (c) => {
      const data = await exportAccount(c.env, c.var.db, c.var.user.id);
      c.header("Content-Disposition", `attachment; filename="refrain-${data.exportedAt.slice(0, 10)}.json"`);
      c.header("Cache-Control", "no-store");
      return c.json(data, 200);
    },
  )
  .openapi(
    createRoute({
      ...mine,
      method: "post",
      path: "/api/account/deletion",
      summary: "Delete your account, confirmed with your email or your password",
      description:
        "Every session ends at once and the email and password are erased; a queued step then cancels and refunds running orders, revokes gifts and shares (their links answer 410), deletes the audio and erases briefs, lyrics and messages. The credit ledger is kept, with no one named in it.",
      request: { body: json(deletionRequestSchema, "The confirmation") },
      responses: {
        202: json(deletionSchema, "Deleted; the erasure finishes in the background"),
        ...errorResponses("validation_failed", "unauthorized", "rate_limited"),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const db = c.var.db;
      const user = await db.select().from(users).where(eq(users.id, c.var.user.id)).get();
      if (!user) throw notFound("Account");
      // Password guesses through this form are throttled like sign-ins.
      if (password) await admitSignIn(c, user.email ?? user.id);
      const typed = email?.trim().toLowerCase();
      const confirmed =
        (password !== undefined && user.passwordHash !== null && (await verifyPassword(password, user.passwordHash))) ||
        (typed !== undefined && typed === (user.email ?? user.id.toLowerCase()));
      if (!confirmed)
        throw new ApiError(
          "validation_failed",
          "The confirmation does not match this account",
          password ? { password: ["does not match"] } : { email: ["does not match this account"] },
        );
      await requestDeletion(c.env, db, user.id);
      log("info", "account deletion requested", { requestId: c.var.requestId, user: user.id, by: "owner" });
      clearSessionCookies(c);
      return c.json(await deletionView(db, user.id), 202);
    },
  )
  .openapi(
    createRoute({
      tags: ["Operators"],
      security: bearer,
      middleware: [requireUser, requireAdmin],
      method: "post",
      path: "/api/admin/account-deletions",
      summary: "Delete an account on the person's request (e.g. received by mail), or finish one still in progress",
      request: { body: json(adminDeletionSchema, "The account, by email or id") },
      responses: {
        202: json(deletionSchema, "Deleted; the erasure finishes in the background"),
        ...errorResponses("validation_failed", "unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const { email, userId } = c.req.valid("json");
      const db = c.var.db;
      const user = await db
        .select({ id: users.id })
        .from(users)
        .where(email ? eq(users.email, email.toLowerCase()) : eq(users.id, userId!))
        .get();
      if (!user) throw notFound("Account");
      await requestDeletion(c.env, db, user.id);
      log("info", "account deletion requested", { requestId: c.var.requestId, user: user.id, by: c.var.user.id });
      return c.json(await deletionView(db, user.id), 202);
    },
  );
