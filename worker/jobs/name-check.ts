/** Letters only, without accents or case: "Maëlys" and "MAELYS" are the same name. */
const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** Whether lyrics name the person the song is for, as a whole word (or words), whatever the accents and case. */
export function mentionsName(lyrics: string, name: string): boolean {
  const wanted = fold(name);
  if (!wanted) return true;
  return ` ${fold(lyrics)} `.includes(` ${wanted} `);
}
