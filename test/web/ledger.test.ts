import { describe, expect, it } from "vitest";
import type { components } from "../../web/app/lib/api-schema";
import { creditHistory } from "../../web/app/lib/ledger";
import en from "../../web/app/locales/en";
import fr from "../../web/app/locales/fr";

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

describe("the credits page's words", () => {
  // A row shows its operation beside its reason: "Credits added — Credits added" told a person nothing twice.
  it.each([
    ["en", en],
    ["fr", fr],
  ])("never names an operation and its reason alike (%s)", (_, messages) => {
    const { kinds, reasons } = messages.credits;
    const alike = Object.values(kinds).filter((kind) => Object.values(reasons).includes(kind));
    expect(alike).toEqual([]);
  });
});
