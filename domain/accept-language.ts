import { type Language, languages } from "./values";

/** The first of our languages an Accept-Language header asks for, by its weights; null if it names none. */
export function preferredLanguage(header: string | null | undefined): Language | null {
  const accepted = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { language: (tag ?? "").toLowerCase().slice(0, 2), q: q ? Number(q) : 1 };
    })
    .filter((a): a is { language: Language; q: number } => languages.includes(a.language as Language) && a.q > 0)
    .sort((a, b) => b.q - a.q);
  return accepted[0]?.language ?? null;
}
