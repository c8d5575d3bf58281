import { createRoute, z } from "@hono/zod-openapi";
import { ledgerKinds, ledgerReasonKinds } from "../../db";
import { requireUser } from "../auth";
import { readCredits } from "../credits";
import { router } from "../http/app-factory";
import { errorResponses } from "../http/errors";
import { bearer, json } from "../http/openapi";

const creditsSchema = z
  .object({
    balance: z.int().describe("Credits owned, including those reserved."),
    reserved: z.int().describe("Credits held by orders in progress."),
    available: z.int().describe("What a new order can use."),
    ledger: z.array(
      z
        .object({
          id: z.string(),
          kind: z.enum(ledgerKinds),
          amount: z.int(),
          reason: z.string().describe("Why, in English, for operators."),
          reasonKind: z.enum(ledgerReasonKinds).describe("Why, as a code to show in the reader's language."),
          jobId: z.string().nullable(),
          jobTitle: z
            .string()
            .nullable()
            .describe("The title of the song the row is for, once its lyrics are written."),
          createdAt: z.iso.datetime(),
        })
        .meta({ id: "LedgerEntry" }),
    ),
  })
  .meta({ id: "Credits" });

export const creditRoutes = router().openapi(
  createRoute({
    method: "get",
    path: "/api/credits",
    tags: ["Credits"],
    summary: "Balance, reserved credits and the ledger (newest first)",
    security: bearer,
    middleware: requireUser,
    responses: { 200: json(creditsSchema, "Your credits"), ...errorResponses("unauthorized") },
  }),
  async (c) => {
    const { balance, reserved, available, ledger } = await readCredits(c.var.db, c.var.user.id);
    return c.json(
      {
        balance,
        reserved,
        available,
        ledger: ledger.map((e) => ({
          id: e.id,
          kind: e.kind,
          amount: e.amount,
          reason: e.reason,
          reasonKind: e.reasonKind,
          jobId: e.jobId,
          jobTitle: e.jobTitle,
          createdAt: new Date(e.createdAt).toISOString(),
        })),
      },
      200,
    );
  },
);
