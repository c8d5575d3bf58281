import type { components } from "./api-schema";

type Entry = components["schemas"]["LedgerEntry"];

// How each kind of ledger row moves the balance (credits owned): a hold only sets credits aside, a release
// gives them back to what is available, a capture spends them, a revoke takes back credits bought.
const balanceEffect: Record<Entry["kind"], -1 | 0 | 1> = {
  grant: 1,
  hold: 0,
  capture: -1,
  release: 0,
  revoke: -1,
};

export interface HistoryRow {
  entry: Entry;
  /** What the row did to the balance; 0 for credits only set aside or given back. */
  change: number;
  /** Whether the row moves credits at all (a hold or a release does, without changing the balance). */
  movesBalance: boolean;
  after: number;
}

/**
 * A person's credit history, newest first, each row with the balance just after it (counted back from the
 * current balance). Rows of no credits at all are left out: a free variation's grant, hold and capture of 0
 * stay in the ledger for the accounts, but to a person they are three lines saying nothing happened.
 */
export function creditHistory(balance: number, ledger: readonly Entry[]): HistoryRow[] {
  let after = balance;
  return ledger
    .filter((entry) => entry.amount !== 0)
    .map((entry) => {
      const row = {
        entry,
        change: balanceEffect[entry.kind] * entry.amount,
        movesBalance: balanceEffect[entry.kind] !== 0,
        after,
      };
      after -= row.change;
      return row;
    });
}
