import { eq } from "drizzle-orm";
import { creditLedger, type Database, type LedgerEntry } from "../../db";
import { ApiError } from "../http/errors";
import { grantStatements, isUniqueViolation, operatorGrantKey } from "./ledger";

export interface OperatorGrant {
  userId: string;
  amount: number;
  reason: string;
  operatorId: string;
}

/** The grant an Idempotency-Key already made; the same key for another grant is a client bug, refused. */
async function earlierGrant(db: Database, entryKey: string, grant: OperatorGrant): Promise<LedgerEntry | null> {
  const entry = await db.select().from(creditLedger).where(eq(creditLedger.entryKey, entryKey)).get();
  if (!entry) return null;
  if (entry.userId !== grant.userId || entry.amount !== grant.amount || entry.reason !== grant.reason)
    throw new ApiError("idempotency_conflict", "This Idempotency-Key was already used for another grant", {
      "Idempotency-Key": ["reused with another grant"],
    });
  return entry;
}

/** Credits given by an operator, once per Idempotency-Key however often the request is retried. */
export async function grantOnce(
  db: Database,
  grant: OperatorGrant,
  idempotencyKey: string,
): Promise<{ entry: LedgerEntry; replayed: boolean }> {
  const entryKey = operatorGrantKey(idempotencyKey);
  const earlier = await earlierGrant(db, entryKey, grant);
  if (earlier) return { entry: earlier, replayed: true };
  try {
    await db.batch([
      ...grantStatements(
        db,
        grant.userId,
        grant.amount,
        { kind: "added", text: grant.reason },
        entryKey,
        grant.operatorId,
      ),
    ]);
  } catch (err) {
    // Two retries raced: the ledger's unique key let one through, whole, and the other finds it.
    const raced = isUniqueViolation(err, "credit_ledger.entry_key") ? await earlierGrant(db, entryKey, grant) : null;
    if (raced) return { entry: raced, replayed: true };
    throw err;
  }
  const entry = await db.select().from(creditLedger).where(eq(creditLedger.entryKey, entryKey)).get();
  return { entry: entry!, replayed: false };
}
