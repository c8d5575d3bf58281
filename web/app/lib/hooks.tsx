import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useAuth } from "./auth";
import { isLocale, type Locale, withLocale } from "./i18n";

export function useLocale(): Locale {
  const { lang } = useParams();
  const { i18n } = useTranslation();
  return isLocale(lang) ? lang : (i18n.language as Locale);
}

/** A page for signed-in people: others go to the sign-in page, and come back after. */
export function useRequireAuth() {
  const auth = useAuth();
  const locale = useLocale();
  const navigate = useNavigate();
  useEffect(() => {
    if (auth.status === "out")
      navigate(`${withLocale(locale, "/signin")}?next=${encodeURIComponent(location.pathname + location.search)}`, {
        replace: true,
      });
  }, [auth.status, locale, navigate]);
  return auth;
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="muted">
      {t("common.loading")}
    </p>
  );
}

export function Title({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} · Refrain`;
  }, [children]);
  return null;
}
