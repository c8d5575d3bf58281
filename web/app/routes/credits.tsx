import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, type Schema, unwrap } from "../lib/api";
import { CurrencySwitch, defaultCurrency, formatPrice, PackList } from "../lib/billing";
import { Loading, Title, useLocale, useRequireAuth } from "../lib/hooks";
import { formatDate, formatNumber, withLocale } from "../lib/i18n";
import { creditHistory } from "../lib/ledger";
import { TableScroll } from "../lib/table-scroll";

const signed = (locale: Parameters<typeof formatNumber>[0], n: number) =>
  (n > 0 ? "+" : n < 0 ? "\u2212" : "") + formatNumber(locale, Math.abs(n));

export default function Credits() {
  const { t } = useTranslation();
  const locale = useLocale();
  const auth = useRequireAuth();
  const [credits, setCredits] = useState<Schema<"Credits"> | null>(null);
  const [packs, setPacks] = useState<Schema<"Packs"> | null>(null);
  const [bought, setBought] = useState<Schema<"Purchases"> | null>(null);
  const [params] = useSearchParams();
  const returning = params.get("purchase");
  useEffect(() => {
    if (auth.status !== "in") return;
    let stop = false;
    unwrap(api.GET("/api/billing/packs")).then(setPacks, () => undefined);
    // Back from Stripe: its webhook may land after the person, so look again until the purchase is paid.
    const load = async (tries: number) => {
      const [c, p] = await Promise.all([
        unwrap(api.GET("/api/credits")),
        unwrap(api.GET("/api/billing/purchases")),
      ]).catch(() => [null, null] as const);
      if (stop) return;
      if (c) setCredits(c);
      if (p) setBought(p);
      const arrived = !returning || p?.purchases.some((x) => x.id === returning && x.status !== "open");
      if (!arrived && tries > 0) setTimeout(() => void load(tries - 1), 1500);
    };
    void load(40);
    return () => {
      stop = true;
    };
  }, [auth.status, returning]);
  if (!credits) return <Loading />;
  const currency = defaultCurrency(locale, params.get("currency"));
  const returned = returning ? bought?.purchases.find((p) => p.id === returning && p.status !== "open") : undefined;
  return (
    <div className="page">
      <Title>{t("credits.title")}</Title>
      <h1>{t("credits.title")}</h1>
      {returning && (
        <p role="status" className="notice" data-testid="purchase-notice">
          {returned ? t("billing.thanks", { credits: formatNumber(locale, returned.credits) }) : t("billing.waiting")}
        </p>
      )}
      {params.get("canceled") && (
        <p role="status" className="notice">
          {t("billing.canceled")}
        </p>
      )}
      {bought?.onHold && (
        <p role="alert" className="alert">
          {t("billing.onHold")}
        </p>
      )}
      <dl className="stats">
        <div>
          <dt>{t("credits.balance")}</dt>
          <dd data-testid="balance">{formatNumber(locale, credits.balance)}</dd>
        </div>
        <div>
          <dt>{t("credits.reserved")}</dt>
          <dd>{formatNumber(locale, credits.reserved)}</dd>
        </div>
        <div>
          <dt>{t("credits.available")}</dt>
          <dd>{formatNumber(locale, credits.available)}</dd>
        </div>
      </dl>
      {packs?.enabled && (
        <section>
          <h2>{t("billing.packs")}</h2>
          <CurrencySwitch currency={currency} />
          <PackList packs={packs} locale={locale} currency={currency} />
          <p>
            <Link to={withLocale(locale, "/pricing")}>{t("billing.seePrices")}</Link>
          </p>
        </section>
      )}
      {bought && bought.purchases.length > 0 && (
        <section>
          <h2>{t("billing.purchases")}</h2>
          <TableScroll label={t("billing.purchases")}>
            <table className="stacked" data-testid="purchases">
              <thead>
                <tr>
                  <th scope="col">{t("credits.date")}</th>
                  <th scope="col">{t("billing.packTitle")}</th>
                  <th scope="col">{t("billing.paid")}</th>
                  <th scope="col">{t("billing.statusTitle")}</th>
                  <th scope="col">{t("billing.receipt")}</th>
                </tr>
              </thead>
              <tbody>
                {bought.purchases.map((p) => (
                  <tr key={p.id} data-purchase={p.id}>
                    <td data-label={t("credits.date")}>{formatDate(locale, p.paidAt ?? p.createdAt)}</td>
                    <td data-label={t("billing.packTitle")}>
                      {t("billing.pack", { credits: formatNumber(locale, p.credits) })}
                    </td>
                    <td className="num" data-label={t("billing.paid")}>
                      {formatPrice(locale, p.amountCents, p.currency)}
                    </td>
                    <td data-label={t("billing.statusTitle")}>
                      {t(`billing.status.${p.status}`)}
                      {p.status === "paid" &&
                        p.refundedCents > 0 &&
                        ` (${t("billing.partlyRefunded", { amount: formatPrice(locale, p.refundedCents, p.currency) })})`}
                    </td>
                    <td data-label={t("billing.receipt")}>
                      {p.receiptUrl && (
                        <a
                          href={p.receiptUrl}
                          target="_blank"
                          rel="noreferrer"
                          aria-label={t("billing.receiptOf", {
                            pack: t("billing.pack", { credits: p.credits }),
                            date: formatDate(locale, p.paidAt ?? p.createdAt),
                          })}
                        >
                          {t("billing.receipt")}
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
      <h2>{t("credits.ledger")}</h2>
      {credits.ledger.length === 0 ? (
        <p>{t("credits.empty")}</p>
      ) : (
        <TableScroll label={t("credits.ledger")}>
          <table className="stacked">
            <thead>
              <tr>
                <th scope="col">{t("credits.date")}</th>
                <th scope="col">{t("credits.kind")}</th>
                <th scope="col">{t("credits.reason")}</th>
                <th scope="col">{t("credits.amount")}</th>
                <th scope="col">{t("firstSong.credits.balanceAfter")}</th>
              </tr>
            </thead>
            <tbody>
              {creditHistory(credits.balance, credits.ledger).map(({ entry: e, change, movesBalance, after }) => (
                <tr key={e.id}>
                  <td data-label={t("credits.date")}>{formatDate(locale, e.createdAt)}</td>
                  <td data-label={t("credits.kind")}>{t(`credits.kinds.${e.kind}`)}</td>
                  <td data-label={t("credits.reason")} data-testid="ledger-reason">
                    {e.jobId ? (
                      <Link to={withLocale(locale, `/songs/${e.jobId}`)}>
                        {e.jobTitle
                          ? t("credits.forSong", { reason: t(`credits.reasons.${e.reasonKind}`), title: e.jobTitle })
                          : t(`credits.reasons.${e.reasonKind}`)}
                      </Link>
                    ) : (
                      t(`credits.reasons.${e.reasonKind}`)
                    )}
                  </td>
                  <td className="num" data-label={t("credits.amount")} data-testid="ledger-amount">
                    {movesBalance
                      ? signed(locale, change)
                      : t(e.kind === "hold" ? "firstSong.credits.held" : "firstSong.credits.released", {
                          n: formatNumber(locale, e.amount),
                        })}
                  </td>
                  <td className="num" data-label={t("firstSong.credits.balanceAfter")} data-testid="ledger-balance">
                    {formatNumber(locale, after)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
