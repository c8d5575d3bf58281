/**
 * A stable position in [0, 1) for a key: the same user always lands in the same place, so A/B
 * assignment and ramps are sticky without storing anything. FNV-1a, then a 32-bit avalanche so that
 * keys differing in one character spread evenly.
 */
export function bucket(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}
