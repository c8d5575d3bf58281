import en from "../locales/en";
import fr from "../locales/fr";
import { isLocale, type Locale } from "./i18n";

export const messages = { fr, en } as const;

/** The locale in the URL wins, then the `lang` cookie, then Accept-Language, then French. */
export function detectLocale(request: Request, fromUrl?: string | null): Locale {
  if (isLocale(fromUrl)) return fromUrl;
  const query = new URL(request.url).searchParams.get("lang");
  if (isLocale(query)) return query;
  const cookie = /(?:^|;\s*)lang=(fr|en)\b/.exec(request.headers.get("cookie") ?? "")?.[1];
  if (isLocale(cookie)) return cookie;
  const accepted = (request.headers.get("accept-language") ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { lang: (tag ?? "").toLowerCase().slice(0, 2), q: q ? Number(q) : 1 };
    })
    .filter((a) => isLocale(a.lang))
    .sort((a, b) => b.q - a.q);
  return (accepted[0]?.lang as Locale | undefined) ?? "fr";
}
