import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useSearchParams } from "react-router";
import { duration } from "../../admin/format";
import { type AdminJob, jobStatuses } from "../../admin/types";
import { useApi } from "../../admin/use-api";
import { api, type JobStatus, unwrap } from "../../lib/api";
import { Options } from "../../lib/form";
import { Loading, Title, useLocale } from "../../lib/hooks";
import { formatDate, withLocale } from "../../lib/i18n";
import { TableScroll } from "../../lib/table-scroll";

const FILTERS = ["status", "provider", "user"] as const;

export default function AdminJobs() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params] = useSearchParams();
  const [cursor, setCursor] = useState<string | null>(null);
  const [shown, setShown] = useState<AdminJob[]>([]);
  const filters = Object.fromEntries(FILTERS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : []))) as {
    status?: JobStatus;
    provider?: string;
    user?: string;
  };
  const base = new URLSearchParams(filters).toString();
  const { data } = useApi(`${base}#${cursor ?? ""}`, () =>
    unwrap(api.GET("/api/admin/jobs", { params: { query: { ...filters, ...(cursor ? { cursor } : {}) } } })),
  );
  // New filters start a new list; "show more" appends the next page to it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: new filters start a new list.
  useEffect(() => {
    setCursor(null);
    setShown([]);
  }, [base]);
  useEffect(() => {
    if (data)
      setShown((before) =>
        cursor ? [...before.filter((j) => !data.jobs.some((d) => d.id === j.id)), ...data.jobs] : data.jobs,
      );
  }, [data, cursor]);
  return (
    <>
      <Title>{t("admin.nav.jobs")}</Title>
      <h1>{t("admin.nav.jobs")}</h1>
      <Form method="get" className="filters" aria-label={t("admin.jobs.filters")}>
        <div className="field">
          <label htmlFor="filter-status">{t("admin.jobs.status")}</label>
          <select id="filter-status" name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("admin.jobs.anyStatus")}</option>
            <Options values={jobStatuses} label={(s) => t(`status.${s}`)} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-provider">{t("admin.jobs.provider")}</label>
          <input id="filter-provider" name="provider" defaultValue={params.get("provider") ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="filter-user">{t("admin.jobs.user")}</label>
          <input id="filter-user" name="user" defaultValue={params.get("user") ?? ""} />
        </div>
        <button type="submit" className="button">
          {t("admin.jobs.apply")}
        </button>
      </Form>
      {!data && !shown.length ? (
        <Loading />
      ) : shown.length === 0 ? (
        <p>{t("admin.jobs.empty")}</p>
      ) : (
        <TableScroll label={t("admin.nav.jobs")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.jobs.created")}</th>
                <th scope="col">{t("admin.jobs.status")}</th>
                <th scope="col">{t("admin.jobs.person")}</th>
                <th scope="col">{t("admin.jobs.provider")}</th>
                <th scope="col">{t("admin.jobs.duration")}</th>
                <th scope="col">{t("admin.jobs.error")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((j) => (
                <tr key={j.id}>
                  <td>
                    <Link to={withLocale(locale, `/admin/jobs/${j.id}`)}>{formatDate(locale, j.createdAt)}</Link>
                  </td>
                  <td>
                    <span className={`badge ${j.status.toLowerCase()}`}>{t(`status.${j.status}`)}</span>
                  </td>
                  <td>{j.userEmail ?? j.userId}</td>
                  <td>{j.provider ?? t("admin.none")}</td>
                  <td className="num">{duration(locale, j.durationMs)}</td>
                  <td>{j.errorCode ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {data?.next && (
        <p>
          <button type="button" className="button secondary" onClick={() => setCursor(data.next)}>
            {t("admin.jobs.more")}
          </button>
        </p>
      )}
    </>
  );
}
