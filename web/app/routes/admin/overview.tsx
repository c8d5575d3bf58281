import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Bars, Columns } from "../../admin/charts";
import { duration, money, percent } from "../../admin/format";
import { type MetricWindow, metricWindows } from "../../admin/types";
import { useApi } from "../../admin/use-api";
import { api, unwrap } from "../../lib/api";
import { formatPrice } from "../../lib/billing";
import { Loading, Title, useLocale } from "../../lib/hooks";
import { formatDate, formatNumber, type Locale } from "../../lib/i18n";
import { TableScroll } from "../../lib/table-scroll";

const slotLabel = (locale: Locale, iso: string, window: MetricWindow) =>
  new Intl.DateTimeFormat(
    locale === "fr" ? "fr-FR" : "en-GB",
    window === "7d" ? { weekday: "short", hour: "2-digit" } : { hour: "2-digit", minute: "2-digit" },
  ).format(new Date(iso));

interface RevenueRow {
  label: string;
  currency: string;
  purchases: number;
  paidCents: number;
  refundedCents: number;
}

/** Purchases, money paid and money refunded per day or per pack, each currency on its own row. */
function RevenueTable({ title, first, rows }: { title: string; first: string; rows: RevenueRow[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <h3 className="muted">{title}</h3>
      <TableScroll label={title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{first}</th>
              <th scope="col" className="num">
                {t("admin.overview.purchases")}
              </th>
              <th scope="col" className="num">
                {t("admin.overview.paid")}
              </th>
              <th scope="col" className="num">
                {t("admin.overview.revenueRefunded")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.label}-${r.currency}`}>
                <td>{r.label}</td>
                <td className="num">{formatNumber(locale, r.purchases)}</td>
                <td className="num">{formatPrice(locale, r.paidCents, r.currency)}</td>
                <td className="num">{formatPrice(locale, r.refundedCents, r.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

type Alert = Awaited<ReturnType<typeof loadAlerts>>["alerts"][number];
const loadAlerts = () => unwrap(api.GET("/api/admin/alerts"));

/** What fires now, whatever the window: the console's first question. The detail is the webhook's English text. */
function Alerts({ alerts }: { alerts: Alert[] | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const item = (a: Alert) => (
    <li key={a.key} data-kind={a.kind} data-state={a.state}>
      <strong>{t(`admin.alerts.kinds.${a.kind}`, { engine: a.engine ?? "" })}</strong>{" "}
      <span className="muted">
        {a.state === "firing"
          ? t("admin.alerts.since", { date: formatDate(locale, a.firedAt) })
          : t("admin.alerts.resolvedAt", { date: formatDate(locale, a.resolvedAt ?? a.firedAt) })}
      </span>
      <br />
      <span className="muted" lang="en" title={t("admin.alerts.detail")}>
        {a.message}
      </span>
    </li>
  );
  const firing = alerts?.filter((a) => a.state === "firing") ?? [];
  const resolved = alerts?.filter((a) => a.state === "resolved") ?? [];
  return (
    <section aria-labelledby="alerts-title" className={firing.length ? "alerts firing" : "alerts"} data-testid="alerts">
      <h2 id="alerts-title">{t("admin.alerts.title")}</h2>
      {!alerts ? <Loading /> : firing.length === 0 ? <p>{t("admin.alerts.none")}</p> : <ul>{firing.map(item)}</ul>}
      {resolved.length > 0 && (
        <details>
          <summary>{t("admin.alerts.resolved", { count: resolved.length })}</summary>
          <ul>{resolved.map(item)}</ul>
        </details>
      )}
    </section>
  );
}

export default function AdminOverview() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params] = useSearchParams();
  const window = (metricWindows as readonly string[]).includes(params.get("window") ?? "")
    ? (params.get("window") as MetricWindow)
    : "24h";
  const { data: m, reload } = useApi(window, () =>
    unwrap(api.GET("/api/admin/metrics", { params: { query: { window } } })),
  );
  const alerts = useApi("alerts", loadAlerts);
  const n = (v: number) => formatNumber(locale, v);
  // The lyrics writer is called like an engine but makes no song: named as such, and left out of the jobs' success.
  type Engine = NonNullable<typeof m>["providers"][number];
  const writesOnlyLyrics = (p: Engine) => p.jobs === 0 && p.calls > 0 && p.lyricsCalls === p.calls;
  const nameOf = (p: Engine) =>
    writesOnlyLyrics(p) ? t("admin.overview.lyricsWriter", { engine: p.provider }) : p.provider;
  return (
    <>
      <Title>{t("admin.title")}</Title>
      <h1>{t("admin.title")}</h1>
      <Alerts alerts={alerts.data?.alerts ?? null} />
      <div className="actions">
        <span>{t("admin.window")}:</span>
        {metricWindows.map((w) => (
          <Link
            key={w}
            to={`?window=${w}`}
            aria-current={w === window ? "page" : undefined}
            className={w === window ? "button" : "button secondary"}
          >
            {t(`admin.windows.${w}`)}
          </Link>
        ))}
        <button
          type="button"
          className="link"
          onClick={() => {
            reload();
            alerts.reload();
          }}
        >
          {t("admin.refresh")}
        </button>
      </div>
      {!m ? (
        <Loading />
      ) : (
        <>
          <dl className="stats">
            <div>
              <dt>{t("admin.overview.successRate")}</dt>
              <dd data-testid="success-rate">{percent(locale, m.jobs.successRate)}</dd>
              <dd className="muted">{t("admin.overview.finished", { count: m.jobs.finished })}</dd>
            </div>
            <div>
              <dt>{t("admin.overview.meanTime")}</dt>
              <dd>{duration(locale, m.generation.meanMs)}</dd>
            </div>
            <div>
              <dt>{t("admin.overview.p95Time")}</dt>
              <dd>{duration(locale, m.generation.p95Ms)}</dd>
            </div>
            <div>
              <dt>{t("admin.overview.costPerSong")}</dt>
              <dd>{money(locale, m.cost.meanCentsPerSong)}</dd>
              <dd className="muted">
                {t("admin.overview.pricedSongs", { priced: m.cost.pricedSongs, count: m.cost.songs })}
              </dd>
            </div>
          </dl>
          <div className="panels">
            <section>
              <h2>{t("admin.overview.jobsChart")}</h2>
              <Columns
                label={t("admin.overview.jobsChart")}
                labels={m.series.map((s) => slotLabel(locale, s.at, window))}
                series={[
                  {
                    name: t("admin.overview.succeeded"),
                    className: "chart-ok",
                    values: m.series.map((s) => s.succeeded),
                  },
                  { name: t("admin.overview.failed"), className: "chart-bad", values: m.series.map((s) => s.failed) },
                ]}
                format={n}
              />
            </section>
            <section>
              <h2>{t("admin.overview.timeChart")}</h2>
              <Columns
                label={t("admin.overview.timeChart")}
                labels={m.series.map((s) => slotLabel(locale, s.at, window))}
                series={[
                  { name: t("admin.overview.meanTime"), className: "chart-ok", values: m.series.map((s) => s.meanMs) },
                ]}
                format={(v) => duration(locale, v)}
              />
            </section>
            <section>
              <h2>{t("admin.overview.engines")}</h2>
              {m.providers.length === 0 ? (
                <p className="muted">{t("admin.overview.noEngineCalls")}</p>
              ) : (
                <>
                  <h3 className="muted">{t("admin.overview.jobSuccess")}</h3>
                  <Bars
                    label={t("admin.overview.jobSuccess")}
                    rows={m.providers
                      .filter((p) => !writesOnlyLyrics(p))
                      .map((p) => ({ name: p.provider, value: p.jobSuccessRate }))}
                    format={(v) => percent(locale, v)}
                    max={1}
                  />
                  <h3 className="muted">{t("admin.overview.callSuccess")}</h3>
                  <Bars
                    label={t("admin.overview.callSuccess")}
                    rows={m.providers.map((p) => ({ name: nameOf(p), value: p.callSuccessRate }))}
                    format={(v) => percent(locale, v)}
                    max={1}
                  />
                  <TableScroll label={t("admin.overview.engines")}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t("admin.jobs.provider")}</th>
                          <th scope="col" className="num">
                            {t("admin.overview.calls")}
                          </th>
                          <th scope="col" className="num">
                            {t("admin.overview.meanLatency")}
                          </th>
                          <th scope="col" className="num">
                            {t("admin.overview.jobs")}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {m.providers.map((p) => (
                          <tr key={p.provider}>
                            <td>{nameOf(p)}</td>
                            <td className="num">{n(p.calls)}</td>
                            <td className="num">
                              {duration(locale, p.meanLatencyMs === null ? null : Math.round(p.meanLatencyMs))}
                            </td>
                            <td className="num">{n(p.jobs)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableScroll>
                </>
              )}
            </section>
            <section>
              <h2>{t("admin.overview.styles")}</h2>
              <Bars
                label={t("admin.overview.styles")}
                rows={m.styles.map((s) => ({ name: s.style, value: s.jobs }))}
                format={n}
              />
            </section>
            <section>
              <h2>{t("admin.overview.queues")}</h2>
              <TableScroll label={t("admin.overview.queues")}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("admin.overview.stage")}</th>
                      <th scope="col">{t("admin.overview.status")}</th>
                      <th scope="col" className="num">
                        {t("admin.overview.jobs")}
                      </th>
                      <th scope="col" className="num">
                        {t("admin.overview.oldest")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.queues.map((q) => (
                      <tr key={q.status}>
                        <td>{q.stage}</td>
                        <td>{t(`status.${q.status}`)}</td>
                        <td className="num">{n(q.jobs)}</td>
                        <td className="num">
                          {duration(locale, q.oldestAgeSeconds === null ? null : q.oldestAgeSeconds * 1000)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </section>
            <section>
              <h2>{t("admin.overview.credits")}</h2>
              <Bars
                label={t("admin.overview.credits")}
                rows={(["reserved", "debited", "refunded", "granted", "reservedNow"] as const).map((k) => ({
                  name: t(`admin.overview.${k}`),
                  value: m.credits[k],
                }))}
                format={n}
              />
            </section>
            <section data-testid="revenue">
              <h2>{t("admin.overview.revenue")}</h2>
              {m.revenue.days.length === 0 ? (
                <p className="muted">{t("admin.overview.noRevenue")}</p>
              ) : (
                <>
                  <RevenueTable
                    title={t("admin.overview.revenueByDay")}
                    first={t("admin.overview.day")}
                    rows={m.revenue.days.map((d) => ({ ...d, label: d.day }))}
                  />
                  <RevenueTable
                    title={t("admin.overview.revenueByPack")}
                    first={t("admin.overview.pack")}
                    rows={m.revenue.packs.map((p) => ({ ...p, label: p.pack }))}
                  />
                </>
              )}
            </section>
          </div>
        </>
      )}
    </>
  );
}
