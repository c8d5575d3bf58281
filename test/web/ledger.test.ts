import { describe, expect, it } from "vitest";
import type { components } from "../../web/app/lib/api-schema";
import { creditHistory } from "../../web/app/lib/ledger";

let id = 0;
type Entry = components["schemas"]["LedgerEntry"];
const entry = (kind: Entry["kind"], amount: number, reasonKind = "order") =>
  ({ id: `led_${++id}`, kind, amount, reasonKind }) as Entry;

describe("a person's credit history", () => {
  // Newest first, as the API answers: 200 welcome credits, a song, a free variation, a second song.
  const ledger = [
    entry("capture", 10, "delivered"),
    entry("hold", 10),
    entry("capture", 0, "delivered"),
    entry("hold", 0, "free_revision"),
    entry("grant", 0, "free_revision"),
    entry("capture", 10, "delivered"),
    entry("hold", 10),
    entry("grant", 200, "welcome"),
  ];

  it("shows what moved credits, with the balance after each row, and no rows of zero credits", () => {
    const rows = creditHistory(180, ledger);
    expect(rows.map((r) => [r.entry.kind, r.change, r.after])).toEqual([
      ["capture", -10, 180],
      ["hold", 0, 190],
      ["capture", -10, 190],
      ["hold", 0, 200],
      ["grant", 200, 200],
    ]);
    // A hold sets credits aside: it is shown as such, not as a change of the balance.
    expect(rows.map((r) => r.movesBalance)).toEqual([true, false, true, false, true]);
  });
});
