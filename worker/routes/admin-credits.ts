import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { users } from "../../db";
import { requireAdmin, requireUser } from "../auth";
import { grantOnce, readCredits } from "../credits";
import { router } from "../http/app-factory";
import { errorResponses, notFound } from "../http/errors";
import { bearer, json } from "../http/openapi";
import { log } from "../observability";
import { grantRequestSchema, grantResultSchema } from "./admin-schemas";

export const adminCreditRoutes = router().openapi(
  createRoute({
    tags: ["Operators"],
    security: bearer,
    middleware: [requireUser, requireAdmin],
    method: "post",
    path: "/api/admin/credits/grants",
    summary: "Give credits to an account, with a reason",
    description:
      "Written to the account's ledger as a grant, with the operator's id. The same Idempotency-Key with the same grant returns the first one and moves nothing; with another grant, 422.",
    request: {
      headers: z.object({
        "idempotency-key": z.string().min(8).max(255).openapi({ description: "A unique key per grant, e.g. a UUID." }),
      }),
      body: json(grantRequestSchema, "Who, how many credits and why"),
    },
    responses: {
      201: json(grantResultSchema, "Granted"),
      200: json(grantResultSchema, "The grant this Idempotency-Key already made"),
      ...errorResponses("validation_failed", "unauthorized", "not_found", "idempotency_conflict"),
    },
  }),
  async (c) => {
    const { email, userId, amount, reason } = c.req.valid("json");
    const db = c.var.db;
    const user = await db
      .select({ id: users.id })
      .from(users)
      .where(email ? eq(users.email, email.toLowerCase()) : eq(users.id, userId!))
      .get();
    if (!user) throw notFound("Account");
    const { entry, replayed } = await grantOnce(
      db,
      { userId: user.id, amount, reason, operatorId: c.var.user.id },
      c.req.valid("header")["idempotency-key"],
    );
    if (!replayed)
      log("info", "credits granted", { requestId: c.var.requestId, user: c.var.user.id, to: user.id, amount, reason });
    const { balance, available } = await readCredits(db, user.id, 0);
    if (replayed) c.header("Idempotent-Replayed", "true");
    return c.json(
      {
        entry: {
          id: entry.id,
          userId: entry.userId,
          kind: "grant" as const,
          amount: entry.amount,
          reason: entry.reason,
          createdAt: new Date(entry.createdAt).toISOString(),
        },
        balance,
        available,
      },
      replayed ? 200 : 201,
    );
  },
);
