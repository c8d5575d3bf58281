/**
 * A name typed all in lower case, as phones let people type it ("sam", "jean-paul", "marie et paul"), written
 * as a name wherever it is shown and sung: "Sam", "Jean-Paul", "Marie et Paul". A name with any capital is the
 * person's own spelling ("DeShawn", "bell Hooks") and stays as typed.
 */
export function asName(name: string): string {
  if (/\p{Lu}/u.test(name)) return name;
  return name.replace(/(^|[\s\-'’])(\p{Ll})/gu, (whole, before: string, letter: string, at: number) =>
    at > 0 && /^(?:et|and|de|du|des|la|le|van|von|da|di)(?!\p{L})/u.test(name.slice(at + before.length))
      ? whole
      : before + letter.toUpperCase(),
  );
}
