import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, asApiFailure, type Schema, unwrap } from "./api";
import { isVisitor, useAuth } from "./auth";
import { ErrorSummary, type FormErrors, fieldErrors } from "./form";
import { formatNumber, type Locale, withLocale } from "./i18n";

export type Currency = keyof Schema<"Pack">["prices"];
export const currencies = ["eur", "usd"] as const satisfies readonly Currency[];

/** Euros for French pages, dollars for English ones, unless the person chose. */
export const defaultCurrency = (locale: Locale, asked: string | null): Currency =>
  (currencies as readonly string[]).includes(asked ?? "") ? (asked as Currency) : locale === "fr" ? "eur" : "usd";

export const formatPrice = (locale: Locale, cents: number, currency: string) =>
  new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
  }).format(cents / 100);

/** Starts Stripe Checkout for a pack and leaves for its page; the credits come back with the webhook. */
async function buy(pack: string, currency: Currency, language: Locale) {
  const { url } = await unwrap(api.POST("/api/billing/checkout", { body: { pack, currency, language } }));
  window.location.assign(url);
}

/** The packs on sale with what each makes; buy buttons for signed-in people, sign-up links for the others. */
export function PackList({ packs, locale, currency }: { packs: Schema<"Packs">; locale: Locale; currency: Currency }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  if (!packs.enabled) return <p className="notice">{t("billing.off")}</p>;
  return (
    <>
      <ErrorSummary errors={errors} />
      <ul className="cards" data-testid="packs">
        {packs.packs.map((pack) => {
          const price = formatPrice(locale, pack.prices[currency], currency);
          return (
            <li key={pack.id} data-pack={pack.id}>
              <div>
                <h3>{t("billing.pack", { credits: formatNumber(locale, pack.credits) })}</h3>
                {pack.songs.map((s) => (
                  <p key={s.durationSeconds} className="muted">
                    {t("billing.makes", { songs: s.songs, minutes: s.durationSeconds / 60 })}
                  </p>
                ))}
              </div>
              {!isVisitor(auth) ? (
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={async () => {
                    setBusy(pack.id);
                    setErrors({});
                    try {
                      await buy(pack.id, currency, locale);
                    } catch (err) {
                      setErrors(fieldErrors(asApiFailure(err)));
                      setBusy(null);
                    }
                  }}
                >
                  {busy === pack.id ? t("billing.buying") : t("billing.buy", { price })}
                </button>
              ) : (
                <Link
                  className="button"
                  to={`${withLocale(locale, "/signup")}?next=${encodeURIComponent(withLocale(locale, "/credits"))}`}
                >
                  {t("billing.signupToBuy")} ({price})
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** Links to show the prices in the other currencies. */
export function CurrencySwitch({ currency }: { currency: Currency }) {
  const { t } = useTranslation();
  return (
    <p className="actions">
      <span>{t("billing.currency")}:</span>
      {currencies.map((c) => (
        <Link
          key={c}
          to={`?currency=${c}`}
          replace
          aria-current={c === currency ? "true" : undefined}
          className={c === currency ? "button" : "button secondary"}
        >
          {c.toUpperCase()}
        </Link>
      ))}
    </p>
  );
}
