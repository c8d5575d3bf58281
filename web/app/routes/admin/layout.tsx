import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { Loading, Title, useLocale, useRequireAuth } from "../../lib/hooks";
import { withLocale } from "../../lib/i18n";

/**
 * Operators only. The page is rendered in the browser, where the session lives: anyone else sees what an
 * unknown address shows, and every operators' endpoint answers them 404 anyway.
 */
export default function AdminLayout() {
  const { t } = useTranslation();
  const locale = useLocale();
  const auth = useRequireAuth();
  if (auth.status !== "in") return <Loading />;
  if (auth.user.role !== "admin")
    return (
      <div className="page narrow">
        <Title>404</Title>
        <h1>404</h1>
        <p>{t("admin.notFound")}</p>
      </div>
    );
  const links = [
    ["", "overview"],
    ["/jobs", "jobs"],
    ["/engines", "engines"],
    ["/credits", "credits"],
    ["/accounts", "accounts"],
  ] as const;
  return (
    <div className="page">
      <nav className="admin-nav" aria-label={t("admin.nav.label")}>
        <ul>
          {links.map(([path, key]) => (
            <li key={key}>
              <NavLink to={withLocale(locale, `/admin${path}`)} end={path === ""}>
                {t(`admin.nav.${key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
