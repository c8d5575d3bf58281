import { desc, eq, getTableColumns, sql } from "drizzle-orm";
import { creditBalances, creditLedger, type Database, jobs, type LedgerKind, type LedgerReasonKind } from "../../db";

// Every movement of credits is written here and nowhere else: a ledger row and its effect on
// the balance row go into the same D1 batch, so they commit or fail together.

export const holdKey = (jobId: string) => `hold:${jobId}`;
/** One key for both outcomes: a job can be debited or refunded, once, never both. */
export const settleKey = (jobId: string) => `settle:${jobId}`;
/** The refund of what a partial capture did not take. */
const differenceKey = (jobId: string) => `${settleKey(jobId)}:difference`;
/** Every key a job's ledger rows can have: they find its rows through the keys' unique index. */
export const jobEntryKeys = (jobId: string) => [holdKey(jobId), settleKey(jobId), differenceKey(jobId)];

/** Why credits moved: `kind` for people (the pages show it in their language), `text` for operators. */
export interface LedgerReason {
  kind: LedgerReasonKind;
  text: string;
}

function ledgerRow(
  userId: string,
  kind: LedgerKind,
  amount: number,
  reason: LedgerReason,
  entryKey: string,
  jobId?: string,
) {
  return {
    id: crypto.randomUUID(),
    userId,
    kind,
    amount,
    reason: reason.text,
    reasonKind: reason.kind,
    entryKey,
    jobId: jobId ?? null,
    createdAt: Date.now(),
  };
}

/** An operator's grant from the console is keyed by the request's Idempotency-Key: a retry cannot grant twice. */
export const operatorGrantKey = (idempotencyKey: string) => `operator-grant:${idempotencyKey}`;

export function grantStatements(
  db: Database,
  userId: string,
  amount: number,
  reason: LedgerReason,
  entryKey: string,
  actor?: string,
) {
  const now = Date.now();
  return [
    db.insert(creditLedger).values({ ...ledgerRow(userId, "grant", amount, reason, entryKey), actor: actor ?? null }),
    db
      .insert(creditBalances)
      .values({ userId, balance: amount, reserved: 0, updatedAt: now })
      .onConflictDoUpdate({
        target: creditBalances.userId,
        set: { balance: sql`${creditBalances.balance} + ${amount}`, updatedAt: now },
      }),
  ] as const;
}

/** Fails the whole batch with a CHECK violation when the available balance is short (see isInsufficientCredits). */
export function holdStatements(
  db: Database,
  userId: string,
  jobId: string,
  amount: number,
  reason: LedgerReason = { kind: "order", text: "song order" },
) {
  return [
    db
      .update(creditBalances)
      .set({ reserved: sql`${creditBalances.reserved} + ${amount}`, updatedAt: Date.now() })
      .where(eq(creditBalances.userId, userId)),
    db.insert(creditLedger).values(ledgerRow(userId, "hold", amount, reason, holdKey(jobId), jobId)),
  ] as const;
}

/** One free revision per order: the unique key makes a second, concurrent claim fail the batch. */
export function freeRevisionStatement(db: Database, userId: string, jobId: string, parentJobId: string) {
  return db
    .insert(creditLedger)
    .values(
      ledgerRow(
        userId,
        "grant",
        0,
        { kind: "free_revision", text: `free revision of ${parentJobId}` },
        `free-revision:${parentJobId}`,
        jobId,
      ),
    );
}

/** Fails the batch with a UNIQUE violation when the job was already settled (see isAlreadySettled). */
export function settleStatements(
  db: Database,
  userId: string,
  jobId: string,
  amount: number,
  outcome: "capture" | "release",
  reason: LedgerReason,
) {
  const balanceChange =
    outcome === "capture"
      ? { balance: sql`${creditBalances.balance} - ${amount}`, reserved: sql`${creditBalances.reserved} - ${amount}` }
      : { reserved: sql`${creditBalances.reserved} - ${amount}` };
  return [
    db.insert(creditLedger).values(ledgerRow(userId, outcome, amount, reason, settleKey(jobId), jobId)),
    db
      .update(creditBalances)
      .set({ ...balanceChange, updatedAt: Date.now() })
      .where(eq(creditBalances.userId, userId)),
  ] as const;
}

/**
 * A settlement that takes part of the hold and gives the rest back, in one batch: what was delivered
 * costs less than what was held. The capture row takes the job's settle key, so this too happens once.
 */
export function partialSettleStatements(
  db: Database,
  userId: string,
  jobId: string,
  held: number,
  captured: number,
  reason: LedgerReason,
  refund: LedgerReason,
) {
  return [
    db.insert(creditLedger).values(ledgerRow(userId, "capture", captured, reason, settleKey(jobId), jobId)),
    db.insert(creditLedger).values(ledgerRow(userId, "release", held - captured, refund, differenceKey(jobId), jobId)),
    db
      .update(creditBalances)
      .set({
        balance: sql`${creditBalances.balance} - ${captured}`,
        reserved: sql`${creditBalances.reserved} - ${held}`,
        updatedAt: Date.now(),
      })
      .where(eq(creditBalances.userId, userId)),
  ] as const;
}

const messageOf = (err: unknown): string => {
  let text = "";
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) text += ` ${String((e as Error).message ?? e)}`;
  return text;
};
export const isInsufficientCredits = (err: unknown) => /CHECK constraint failed/i.test(messageOf(err));
export const isUniqueViolation = (err: unknown, column?: string) =>
  /UNIQUE constraint failed|PRIMARY KEY constraint/i.test(messageOf(err)) &&
  (!column || messageOf(err).includes(column));
export const isAlreadySettled = (err: unknown) => isUniqueViolation(err, "credit_ledger.entry_key");

/** Bought credits taken back after their payment was reversed; the balance's CHECK fails the batch if they are no longer there. */
export function revokeStatements(db: Database, userId: string, amount: number, reason: LedgerReason, entryKey: string) {
  return [
    db.insert(creditLedger).values(ledgerRow(userId, "revoke", amount, reason, entryKey)),
    db
      .update(creditBalances)
      .set({ balance: sql`${creditBalances.balance} - ${amount}`, updatedAt: Date.now() })
      .where(eq(creditBalances.userId, userId)),
  ] as const;
}

/** A purchase's credits are granted once: Stripe may deliver its completion several times, at once or out of order. */
export const purchaseKey = (purchaseId: string) => `purchase:${purchaseId}`;
/** One reversal per refunded total or dispute of a purchase. */
export const reversalKey = (purchaseId: string, cause: string) => `reversal:${purchaseId}:${cause}`;

export async function readCredits(db: Database, userId: string, ledgerLimit = 100) {
  const [balanceRow, ledger] = await Promise.all([
    db.select().from(creditBalances).where(eq(creditBalances.userId, userId)).get(),
    // Each row with the title of the song it paid for, so that a person's history says which song.
    db
      .select({ ...getTableColumns(creditLedger), jobTitle: jobs.title })
      .from(creditLedger)
      .leftJoin(jobs, eq(jobs.id, creditLedger.jobId))
      .where(eq(creditLedger.userId, userId))
      .orderBy(desc(creditLedger.createdAt))
      .limit(ledgerLimit),
  ]);
  const balance = balanceRow?.balance ?? 0;
  const reserved = balanceRow?.reserved ?? 0;
  return { balance, reserved, available: balance - reserved, ledger };
}
