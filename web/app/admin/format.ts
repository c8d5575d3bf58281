import { formatNumber, type Locale } from "../lib/i18n";

export const percent = (locale: Locale, rate: number | null) =>
  rate === null ? "—" : `${formatNumber(locale, rate * 100, 1)} %`;

export function duration(locale: Locale, ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${formatNumber(locale, ms)} ms`;
  if (ms < 60_000) return `${formatNumber(locale, ms / 1000, 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")} s`;
}

export const money = (locale: Locale, cents: number | null) =>
  cents === null
    ? "—"
    : new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-US", { style: "currency", currency: "USD" }).format(
        cents / 100,
      );
