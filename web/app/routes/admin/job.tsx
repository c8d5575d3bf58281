import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { duration, money } from "../../admin/format";
import { useApi } from "../../admin/use-api";
import { api, unwrap } from "../../lib/api";
import { Loading, Title, useLocale } from "../../lib/hooks";
import { formatDate, formatNumber, withLocale } from "../../lib/i18n";
import { TableScroll } from "../../lib/table-scroll";

export default function AdminJob() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { jobId } = useParams();
  const { data: job, error } = useApi(jobId ?? "", () =>
    unwrap(api.GET("/api/admin/jobs/{id}", { params: { path: { id: jobId ?? "" } } })),
  );
  const time = (iso: string) =>
    new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
    }).format(new Date(iso));
  if (error) return <p role="alert">{error.status === 404 ? t("admin.notFound") : t("errors.generic")}</p>;
  if (!job) return <Loading />;
  return (
    <>
      <Title>{job.id}</Title>
      <p>
        <Link to={withLocale(locale, "/admin/jobs")}>← {t("admin.job.back")}</Link>
      </p>
      <h1 className="wrap">{job.title ?? job.id}</h1>
      <dl className="stats">
        <div>
          <dt>{t("admin.jobs.status")}</dt>
          <dd>
            <span className={`badge ${job.status.toLowerCase()}`}>{t(`status.${job.status}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("admin.jobs.person")}</dt>
          <dd className="wrap">{job.userEmail ?? job.userId}</dd>
        </div>
        <div>
          <dt>{t("admin.job.tried")}</dt>
          <dd>{job.providersTried.join(" → ") || t("admin.none")}</dd>
        </div>
        <div>
          <dt>{t("admin.job.arm")}</dt>
          <dd>{job.arm ?? t("admin.none")}</dd>
        </div>
        <div>
          <dt>{t("admin.jobs.duration")}</dt>
          <dd>{duration(locale, job.durationMs)}</dd>
        </div>
      </dl>
      {job.errorCode && (
        <p className="alert">
          <strong>{job.errorCode}</strong> {job.errorMessage}
        </p>
      )}
      {job.request && (
        <>
          <h2>{t("admin.job.request")}</h2>
          <p>
            {job.request.language} · {job.request.vocal} · {job.request.styleTags.join(", ")} ·{" "}
            {job.request.durationSeconds} s · seed {job.request.seed}
            {job.request.model ? ` · ${job.request.model}` : ""}
            {job.request.lyricsSource ? ` · lyrics: ${job.request.lyricsSource}` : ""}
          </p>
        </>
      )}
      <h2>{t("admin.job.events")}</h2>
      <ol className="timeline" data-testid="events">
        {job.events.map((e) => (
          <li key={e.seq}>
            <strong>
              #{e.seq} {e.type}
            </strong>{" "}
            <span className={`badge ${e.status.toLowerCase()}`}>{t(`status.${e.status}`)}</span>{" "}
            <span className="muted">{time(e.at)}</span>
            {Object.keys(e.data).length > 0 && (
              <div>
                <code>{JSON.stringify(e.data)}</code>
              </div>
            )}
          </li>
        ))}
      </ol>
      <h2>{t("admin.job.calls")}</h2>
      <TableScroll label={t("admin.job.calls")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.job.at")}</th>
              <th scope="col">{t("admin.jobs.provider")}</th>
              <th scope="col">{t("admin.job.operation")}</th>
              <th scope="col">{t("admin.job.outcome")}</th>
              <th scope="col">{t("admin.job.latency")}</th>
              <th scope="col">{t("admin.job.cost")}</th>
              <th scope="col">{t("admin.jobs.error")}</th>
            </tr>
          </thead>
          <tbody>
            {job.calls.map((c, i) => (
              <tr key={i}>
                <td>{time(c.at)}</td>
                <td>{c.provider}</td>
                <td>{c.operation}</td>
                <td>{c.outcome}</td>
                <td className="num">{duration(locale, c.latencyMs)}</td>
                <td className="num">{money(locale, c.costCents)}</td>
                <td className="wrap">{c.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>{t("admin.job.ledger")}</h2>
      <ul>
        {job.ledger.map((l, i) => (
          <li key={i}>
            {formatDate(locale, l.at)} — {t(`credits.kinds.${l.kind}`)} {formatNumber(locale, l.amount)} ({l.reason})
          </li>
        ))}
      </ul>
      {job.tracks.length > 0 && (
        <>
          <h2>{t("admin.job.takes")}</h2>
          <ul>
            {job.tracks.map((k) => (
              <li key={k.id}>
                {k.takeIndex + 1}. {k.id} · {k.provider} · {k.format} · {formatNumber(locale, k.sizeBytes)} B
                {k.durationSeconds ? ` · ${formatNumber(locale, k.durationSeconds, 1)} s` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
