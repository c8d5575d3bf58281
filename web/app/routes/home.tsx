import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAuth } from "../lib/auth";
import { useLocale } from "../lib/hooks";
import { withLocale } from "../lib/i18n";

// Plain HTML: the landing page ships no JavaScript (see root.tsx).
export const handle = { hydrate: false };

export default function Home() {
  const { t } = useTranslation();
  const locale = useLocale();
  const auth = useAuth();
  return (
    <div className="page hero">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <ol className="steps">
        <li>{t("home.steps.one")}</li>
        <li>{t("home.steps.two")}</li>
        <li>{t("home.steps.three")}</li>
      </ol>
      <p className="actions">
        <Link className="button" to={withLocale(locale, auth.status === "in" ? "/new" : "/signup")}>
          {t("home.cta")}
        </Link>
        {auth.status !== "in" && <Link to={withLocale(locale, "/signin")}>{t("home.ctaSignin")}</Link>}
      </p>
    </div>
  );
}
