import { createInstance, type i18n } from "i18next";

export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];
export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/**
 * One i18next instance per render, from the one locale table the root loader sent: nothing global
 * (concurrent server renders cannot mix languages) and no locale table in the client bundles.
 */
export function makeI18n(locale: Locale, messages: Record<string, unknown>): i18n {
  const instance = createInstance({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { translation: messages } },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  } as never);
  void instance.init();
  return instance;
}

export const withLocale = (locale: Locale, path: string) => `/${locale}${path === "/" ? "" : path}`;

/** The same page in another language. */
export function switchLocale(pathname: string, to: Locale): string {
  const rest = pathname.replace(/^\/(fr|en)(?=\/|$)/, "");
  return `/${to}${rest}`;
}

const dateTime = (locale: Locale, iso: string, timeStyle: "short" | "medium") =>
  new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium", timeStyle }).format(
    new Date(iso),
  );
export const formatDate = (locale: Locale, iso: string) => dateTime(locale, iso, "short");
/** A moment to the second: the steps of an order, seconds apart, each keep their own time. */
export const formatMoment = (locale: Locale, iso: string) => dateTime(locale, iso, "medium");
export const formatNumber = (locale: Locale, n: number, digits = 0) =>
  new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(n);
/** A file's size as each language writes it: "1.4 MB", "1,4 Mo". */
export const formatSize = (locale: Locale, bytes: number) =>
  new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-US", {
    style: "unit",
    unit: "megabyte",
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  }).format(bytes / 1_000_000);
export const formatDuration = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, "0")}`;
