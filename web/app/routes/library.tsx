import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Schema, unwrap } from "../lib/api";
import { Loading, Title, useLocale, useRequireAuth } from "../lib/hooks";
import { formatDate, formatNumber, withLocale } from "../lib/i18n";

export default function Library() {
  const { t } = useTranslation();
  const locale = useLocale();
  const auth = useRequireAuth();
  const [jobs, setJobs] = useState<Schema<"Job">[] | null>(null);
  const [projects, setProjects] = useState<Schema<"Project">[]>([]);
  useEffect(() => {
    if (auth.status !== "in") return;
    unwrap(api.GET("/api/jobs", { params: { query: { limit: 50 } } })).then(
      (r) => setJobs(r.jobs),
      () => setJobs([]),
    );
    unwrap(api.GET("/api/projects")).then(
      (r) => setProjects(r.projects),
      () => undefined,
    );
  }, [auth.status]);
  if (!jobs) return <Loading />;
  const byProject = (id: string | null) => jobs.filter((j) => j.projectId === id);
  const list = (items: Schema<"Job">[]) => (
    <ul className="cards">
      {items.map((j) => (
        <li key={j.id}>
          <Link to={withLocale(locale, `/songs/${j.id}`)}>{j.title ?? j.lyrics?.title ?? t("song.untitled")}</Link>
          <span className={`badge ${j.status.toLowerCase()}`}>{t(`status.${j.status}`)}</span>
          <span className="muted">
            {formatDate(locale, j.createdAt)} ·{" "}
            {t("library.credits", { count: j.credits, formatted: formatNumber(locale, j.credits) })}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="page">
      <Title>{t("library.title")}</Title>
      <h1>{t("library.title")}</h1>
      {jobs.length === 0 ? (
        <p>
          {t("library.empty")} <Link to={withLocale(locale, "/new")}>{t("library.order")}</Link>
        </p>
      ) : (
        list(byProject(null))
      )}
      {projects.length > 0 && (
        <>
          <h2>{t("library.projects")}</h2>
          {projects.map((p) => (
            <section key={p.id} aria-label={p.name}>
              <h3>{p.name}</h3>
              {list(byProject(p.id))}
            </section>
          ))}
        </>
      )}
    </div>
  );
}
