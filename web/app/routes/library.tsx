import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Schema, unwrap } from "../lib/api";
import { Loading, Title, useLocale, useRequireAuth } from "../lib/hooks";
import { formatDate, formatNumber, withLocale } from "../lib/i18n";

/** A song's request as the list names it: another take or not, its style, its voice (the request is the API's as sent). */
function sound(job: Schema<"Job">): { key: string; value: string }[] {
  const { styleTags, vocal } = job.request as { styleTags?: unknown; vocal?: unknown };
  const style = Array.isArray(styleTags) && typeof styleTags[0] === "string" ? styleTags[0] : null;
  return [
    ...(job.parentJobId ? [{ key: "library.anotherTake", value: "" }] : []),
    ...(style ? [{ key: `options.style.${style}`, value: style }] : []),
    ...(typeof vocal === "string" ? [{ key: `options.voice.${vocal}`, value: vocal }] : []),
  ];
}

export default function Library() {
  const { t } = useTranslation();
  const locale = useLocale();
  const auth = useRequireAuth();
  const [jobs, setJobs] = useState<Schema<"Job">[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [projects, setProjects] = useState<Schema<"Project">[]>([]);
  useEffect(() => {
    if (auth.status !== "in") return;
    unwrap(api.GET("/api/jobs", { params: { query: { limit: 50 } } })).then(
      (r) => {
        setJobs(r.jobs);
        setNext(r.next);
      },
      () => setJobs([]),
    );
    unwrap(api.GET("/api/projects")).then(
      (r) => setProjects(r.projects),
      () => undefined,
    );
  }, [auth.status]);
  async function older() {
    if (!next) return;
    setLoadingOlder(true);
    try {
      const page = await unwrap(api.GET("/api/jobs", { params: { query: { limit: 50, cursor: next } } }));
      setJobs((shown) => [...(shown ?? []), ...page.jobs]);
      setNext(page.next);
    } catch {
      // The button stays: pressing it again asks for the same page.
    } finally {
      setLoadingOlder(false);
    }
  }
  if (!jobs) return <Loading />;
  const byProject = (id: string | null) => jobs.filter((j) => j.projectId === id);
  const list = (items: Schema<"Job">[]) => (
    <ul className="cards">
      {items.map((j) => (
        <li key={j.id}>
          <Link to={withLocale(locale, `/songs/${j.id}`)}>{j.title ?? j.lyrics?.title ?? t("song.untitled")}</Link>
          <span className={`badge ${j.status.toLowerCase()}`}>
            {/* An order waiting for the person's approval is theirs to act on, not a step to wait for. */}
            {j.status === "LYRICS_READY" ? t("library.toApprove") : t(`status.${j.status}`)}
          </span>
          {/* What tells two versions of one song apart: how it is played and sung, and whether it is another take. */}
          <span className="muted" data-testid="song-sound">
            {sound(j)
              .map((part) => t(part.key, { defaultValue: part.value }))
              .join(" · ")}
          </span>
          <span className="muted">
            {formatDate(locale, j.createdAt)} ·{" "}
            {j.parentJobId && j.credits === 0
              ? t("library.free")
              : t("library.credits", { count: j.credits, formatted: formatNumber(locale, j.credits) })}
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
      {next && (
        <p>
          <button
            type="button"
            className="button secondary"
            onClick={older}
            disabled={loadingOlder}
            data-testid="older"
          >
            {t("library.older")}
          </button>
        </p>
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
