/** Looks engines up by id; an unknown id fails with the list of those available. */
export class Registry<T extends { readonly id: string }> {
  private readonly byId: Map<string, T>;
  constructor(
    private readonly kind: string,
    items: readonly T[],
  ) {
    this.byId = new Map(items.map((item) => [item.id, item]));
  }
  has(id: string): boolean {
    return this.byId.has(id);
  }
  get(id: string): T {
    const item = this.byId.get(id);
    if (!item)
      throw new Error(`Unknown ${this.kind} "${id}"; available: ${[...this.byId.keys()].join(", ") || "none"}`);
    return item;
  }
  ids(): string[] {
    return [...this.byId.keys()];
  }
}
