import { useTranslation } from "react-i18next";
import { Link, type MetaFunction, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { signOut } from "../lib/api";
import { AuthProvider, isVisitor, useAuth } from "../lib/auth";
import { useLocale } from "../lib/hooks";
import { type Locale, switchLocale, withLocale } from "../lib/i18n";

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.loaderData as
    | { messages: { meta: { title: string; description: string } } }
    | undefined;
  return root
    ? [{ title: root.messages.meta.title }, { name: "description", content: root.messages.meta.description }]
    : [];
};

const names: Record<Locale, string> = { fr: "Français", en: "English" };

function Header() {
  const { t } = useTranslation();
  const locale = useLocale();
  const auth = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const other: Locale = locale === "fr" ? "en" : "fr";
  return (
    <header className="top">
      <a className="skip" href="#main">
        {t("nav.skip")}
      </a>
      <Link to={withLocale(locale, "/")} className="brand">
        Refrain
      </Link>
      <nav aria-label={t("nav.main")}>
        <ul>
          {auth.status === "in" ? (
            <>
              <li>
                <NavLink to={withLocale(locale, "/new")}>{t("nav.order")}</NavLink>
              </li>
              <li>
                <NavLink to={withLocale(locale, "/songs")}>{t("nav.library")}</NavLink>
              </li>
              <li>
                <NavLink to={withLocale(locale, "/credits")}>{t("nav.credits")}</NavLink>
              </li>
              <li>
                <NavLink to={withLocale(locale, "/settings")}>{t("settings.nav")}</NavLink>
              </li>
              {auth.user.role === "admin" && (
                <li>
                  <NavLink to={withLocale(locale, "/admin")}>{t("nav.admin")}</NavLink>
                </li>
              )}
              <li>
                <button
                  type="button"
                  className="link"
                  onClick={async () => {
                    await signOut();
                    navigate(withLocale(locale, "/signin"));
                  }}
                >
                  {t("nav.signout")}
                </button>
              </li>
            </>
          ) : isVisitor(auth) ? (
            <>
              <li>
                <NavLink to={withLocale(locale, "/pricing")}>{t("billing.pricingTitle")}</NavLink>
              </li>
              <li>
                <NavLink to={withLocale(locale, "/signin")}>{t("nav.signin")}</NavLink>
              </li>
              <li>
                <NavLink to={withLocale(locale, "/signup")}>{t("nav.signup")}</NavLink>
              </li>
            </>
          ) : null}
        </ul>
      </nav>
      {/* After the navigation on a wide screen; beside the brand on a phone, where the links wrap below. */}
      <Link
        className="language"
        to={switchLocale(location.pathname, other) + location.search}
        lang={other}
        hrefLang={other}
        data-testid="switch-language"
        aria-label={`${t("nav.language")}: ${names[other]}`}
        onClick={() => {
          // biome-ignore lint/suspicious/noDocumentCookie: one first-party cookie; the Cookie Store API is missing from Safari and Firefox.
          document.cookie = `lang=${other}; path=/; max-age=31536000; samesite=lax`;
        }}
      >
        {names[other]}
      </Link>
    </header>
  );
}

function Footer() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <footer className="page">
      <Link to={withLocale(locale, "/privacy")}>{t("privacy.nav")}</Link>
    </footer>
  );
}

export default function AppLayout() {
  return (
    <AuthProvider>
      <Header />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer />
    </AuthProvider>
  );
}
