import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap, type Schema } from "../lib/api";
import { Loading, Title, useLocale, useRequireAuth } from "../lib/hooks";
import { formatDate, formatNumber, withLocale } from "../lib/i18n";

// How each kind of ledger row moves the balance (credits owned): a hold only sets credits aside, a release
// gives them back to what is available, a capture spends them.
const balanceEffect: Record<Schema<"LedgerEntry">["kind"], -1 | 0 | 1> = { grant: 1, hold: 0, capture: -1, release: 0 };

/** Each row with the balance just after it, from the current balance back (the ledger is newest first). */
function withRunningBalance(balance: number, ledger: Schema<"LedgerEntry">[]) {
  let after = balance;
  return ledger.map((entry) => {
    const row = { entry, change: balanceEffect[entry.kind] * entry.amount, after };
    after -= row.change;
    return row;
  });
}

const signed = (locale: Parameters<typeof formatNumber>[0], n: number) => (n > 0 ? "+" : n < 0 ? "\u2212" : "") + formatNumber(locale, Math.abs(n));

export default function Credits() {
  const { t } = useTranslation();
  const locale = useLocale();
  const auth = useRequireAuth();
  const [credits, setCredits] = useState<Schema<"Credits"> | null>(null);
  useEffect(() => {
    if (auth.status === "in") unwrap(api.GET("/api/credits")).then(setCredits, () => undefined);
  }, [auth.status]);
  if (!credits) return <Loading />;
  return (
    <div className="page">
      <Title>{t("credits.title")}</Title>
      <h1>{t("credits.title")}</h1>
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
      <h2>{t("credits.ledger")}</h2>
      {credits.ledger.length === 0 ? (
        <p>{t("credits.empty")}</p>
      ) : (
        <table>
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
            {withRunningBalance(credits.balance, credits.ledger).map(({ entry: e, change, after }) => (
              <tr key={e.id}>
                <td>{formatDate(locale, e.createdAt)}</td>
                <td>{t(`credits.kinds.${e.kind}`)}</td>
                <td data-testid="ledger-reason">{e.jobId ? <Link to={withLocale(locale, `/songs/${e.jobId}`)}>{t(`credits.reasons.${e.reasonKind}`)}</Link> : t(`credits.reasons.${e.reasonKind}`)}</td>
                <td className="num" data-testid="ledger-amount">
                  {balanceEffect[e.kind] !== 0
                    ? signed(locale, change)
                    : t(e.kind === "hold" ? "firstSong.credits.held" : "firstSong.credits.released", { n: formatNumber(locale, e.amount) })}
                </td>
                <td className="num" data-testid="ledger-balance">
                  {formatNumber(locale, after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
