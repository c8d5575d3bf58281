import { preferredLanguage } from "../../../domain/accept-language";
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
  return preferredLanguage(request.headers.get("accept-language")) ?? "fr";
}
