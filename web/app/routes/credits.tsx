import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap, type Schema } from "../lib/api";
import { Loading, Title, useLocale, useRequireAuth } from "../lib/hooks";
import { formatDate, formatNumber, withLocale } from "../lib/i18n";

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
            </tr>
          </thead>
          <tbody>
            {credits.ledger.map((e) => (
              <tr key={e.id}>
                <td>{formatDate(locale, e.createdAt)}</td>
                <td>{t(`credits.kinds.${e.kind}`)}</td>
                <td data-testid="ledger-reason">{e.jobId ? <Link to={withLocale(locale, `/songs/${e.jobId}`)}>{t(`credits.reasons.${e.reasonKind}`)}</Link> : t(`credits.reasons.${e.reasonKind}`)}</td>
                <td className="num">{formatNumber(locale, e.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
