import { useTranslation } from "react-i18next";
import { Link, type MetaFunction, useSearchParams } from "react-router";
import { useLocale } from "../lib/hooks";
import { withLocale } from "../lib/i18n";
import { TableScroll } from "../lib/table-scroll";
import type { Messages } from "../locales/en";

// Plain HTML, like the home page: a page to read, with nothing to run. Its text lives in the locale
// tables (privacy.*), lists included, so it is updated there when what the product keeps changes.
export const handle = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => {
  const messages = (matches.find((m) => m.id === "root")?.loaderData as { messages?: Messages } | undefined)?.messages;
  return messages
    ? [{ title: `${messages.privacy.title} · Refrain` }, { name: "description", content: messages.privacy.lead }]
    : [];
};

export default function Privacy() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params] = useSearchParams();
  const list = (key: string) => t(key, { returnObjects: true }) as string[];
  const engines = t("privacy.engines", { returnObjects: true }) as { who: string; what: string }[];
  return (
    <div className="page narrow privacy">
      <h1>{t("privacy.title")}</h1>
      {params.get("deleted") === "1" && (
        <p role="status" className="notice" data-testid="account-deleted">
          {t("privacy.deleted")}
        </p>
      )}
      <p className="lead">{t("privacy.lead")}</p>
      <h2>{t("privacy.storedTitle")}</h2>
      <ul>
        {list("privacy.stored").map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>{t("privacy.notStored")}</p>
      <h2>{t("privacy.retentionTitle")}</h2>
      <ul>
        {list("privacy.retention").map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h2>{t("privacy.enginesTitle")}</h2>
      <p>{t("privacy.enginesLead")}</p>
      <TableScroll label={t("privacy.enginesTitle")}>
        <table data-testid="engines">
          <thead>
            <tr>
              <th scope="col">{t("privacy.engineColumn")}</th>
              <th scope="col">{t("privacy.fieldsColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {engines.map((e) => (
              <tr key={e.who}>
                <th scope="row">{e.who}</th>
                <td>{e.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>{t("privacy.rightsTitle")}</h2>
      <p>{t("privacy.rights")}</p>
      <p>
        <Link className="button secondary" to={withLocale(locale, "/settings")}>
          {t("privacy.toSettings")}
        </Link>
      </p>
    </div>
  );
}
