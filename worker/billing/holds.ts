import { and, desc, eq, isNull } from "drizzle-orm";
import { accountHolds, type Database, purchases, users } from "../../db";
import { ApiError, notFound } from "../http/errors";

/** An account's open hold, if any: a query to run alone or inside a caller's batch. */
export const openHoldQuery = (db: Database, userId: string) =>
  db
    .select({ id: accountHolds.id })
    .from(accountHolds)
    .where(and(eq(accountHolds.userId, userId), isNull(accountHolds.clearedAt)))
    .limit(1);

export async function isOnHold(db: Database, userId: string): Promise<boolean> {
  return (await openHoldQuery(db, userId)).length > 0;
}

/** New orders wait while a reversed payment's spent credits are under an operator's review. */
export function refuseIfOnHold(onHold: boolean): void {
  if (onHold)
    throw new ApiError(
      "account_on_hold",
      "A payment for credits this account already spent was refunded or disputed; new orders wait until our team has reviewed it",
    );
}

export async function openHolds(db: Database) {
  return db
    .select({
      hold: accountHolds,
      email: users.email,
      pack: purchases.pack,
      amountCents: purchases.amountCents,
      currency: purchases.currency,
    })
    .from(accountHolds)
    .leftJoin(users, eq(users.id, accountHolds.userId))
    .leftJoin(purchases, eq(purchases.id, accountHolds.purchaseId))
    .where(isNull(accountHolds.clearedAt))
    .orderBy(desc(accountHolds.createdAt))
    .limit(200);
}

/** An operator lifts a hold, with a note; clearing it again changes nothing. */
export async function clearHold(db: Database, holdId: string, operatorId: string, note: string) {
  const hold = await db.select().from(accountHolds).where(eq(accountHolds.id, holdId)).get();
  if (!hold) throw notFound("Hold");
  if (hold.clearedAt) return hold;
  await db
    .update(accountHolds)
    .set({ clearedAt: Date.now(), clearedBy: operatorId, note })
    .where(and(eq(accountHolds.id, holdId), isNull(accountHolds.clearedAt)));
  return (await db.select().from(accountHolds).where(eq(accountHolds.id, holdId)).get())!;
}
