/** A wide table that scrolls sideways on narrow screens; focusable and named, so keyboards can scroll it too. */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus for keyboards to scroll it (axe: scrollable-region-focusable).
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
