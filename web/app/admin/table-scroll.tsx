/** A wide table that scrolls sideways on narrow screens; focusable and named, so keyboards can scroll it too. */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
