import { Fragment, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { duration, percent } from "../../admin/format";
import type { RoutingConfig } from "../../admin/types";
import { useApi } from "../../admin/use-api";
import { ApiFailure, api, unwrap } from "../../lib/api";
import { errorMessageKey } from "../../lib/form";
import { Loading, Title, useLocale } from "../../lib/hooks";
import { formatDate, formatNumber } from "../../lib/i18n";
import { TableScroll } from "../../lib/table-scroll";

/** The form's values as text, so that a half-typed number does not fight the input. */
interface Draft {
  arms: { provider: string; weight: string }[];
  ramp: { provider: string; percent: string };
  /** In the order they are tried. */
  failover: string[];
  blind: { a: string; b: string; percent: string };
  breaker: { window: string; minCalls: string; failureRate: string; openSeconds: string };
  /** Not edited here: kept as stored. */
  stallSeconds: RoutingConfig["stallSeconds"];
}

const draftOf = (c: RoutingConfig): Draft => ({
  arms: c.arms.map((a) => ({ provider: a.provider, weight: String(a.weight) })),
  ramp: { provider: c.ramp?.provider ?? "", percent: String(c.ramp?.percent ?? 0) },
  failover: c.failover,
  blind: { a: c.blind?.providers[0] ?? "", b: c.blind?.providers[1] ?? "", percent: String(c.blind?.percent ?? 0) },
  breaker: {
    window: String(c.breaker.window),
    minCalls: String(c.breaker.minCalls),
    failureRate: String(c.breaker.failureRate),
    openSeconds: String(c.breaker.openSeconds),
  },
  stallSeconds: c.stallSeconds,
});

const configOf = (d: Draft): RoutingConfig => ({
  arms: d.arms.filter((a) => a.provider.trim()).map((a) => ({ provider: a.provider.trim(), weight: Number(a.weight) })),
  ramp: d.ramp.provider.trim() ? { provider: d.ramp.provider.trim(), percent: Number(d.ramp.percent) } : null,
  failover: d.failover.filter(Boolean),
  blind:
    d.blind.a.trim() && d.blind.b.trim()
      ? { providers: [d.blind.a.trim(), d.blind.b.trim()], percent: Number(d.blind.percent) }
      : null,
  breaker: {
    window: Number(d.breaker.window),
    minCalls: Number(d.breaker.minCalls),
    failureRate: Number(d.breaker.failureRate),
    openSeconds: Number(d.breaker.openSeconds),
  },
  stallSeconds: d.stallSeconds,
});

export default function AdminEngines() {
  const { t } = useTranslation();
  const locale = useLocale();
  const health = useApi("providers", () => unwrap(api.GET("/api/admin/providers")));
  // The document marks fields that have defaults optional (they may be left out when sent); the API always returns them.
  const routing = useApi(
    "routing",
    () => unwrap(api.GET("/api/admin/routing")) as Promise<{ config: RoutingConfig; default: RoutingConfig }>,
  );
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<{ kind: "saved" } | { kind: "error"; failure: ApiFailure } | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (routing.data) setDraft(draftOf(routing.data.config));
  }, [routing.data]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaving(true);
    setStatus(null);
    try {
      const saved = (await unwrap(api.PUT("/api/admin/routing", { body: configOf(draft) }))) as {
        config: RoutingConfig;
      };
      setDraft(draftOf(saved.config));
      setStatus({ kind: "saved" });
      health.reload();
    } catch (err) {
      setStatus({
        kind: "error",
        failure: err instanceof ApiFailure ? err : new ApiFailure(0, "network", String(err)),
      });
    } finally {
      setSaving(false);
    }
  }

  const set = (change: (d: Draft) => Draft) => setDraft((d) => (d ? change(d) : d));
  // The bounds the API sets, given to the browser, so that an out-of-range value is stopped before it is sent.
  const num = (
    label: string,
    value: string,
    onChange: (v: string) => void,
    { step = "1", min = 0, max }: { step?: string; min?: number; max?: number } = {},
  ) => (
    <div className="field">
      <label>
        {label}
        <input
          type="number"
          required
          step={step}
          min={min}
          max={max}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
    </div>
  );
  // The engines this deployment configures, to choose from rather than to spell; a stored engine that is no
  // longer configured stays listed, so that the form shows the routing as it is (saving it is then refused).
  const configured = health.data?.providers.map((p) => p.id) ?? [];
  // What the form cannot stop before sending, said in the console's language; anything else as the API says it.
  const refusal = (field: string, messages: string[]) => {
    if (field === "arms") return t("admin.engines.refused.arms");
    if (field === "providers") return t("admin.engines.refused.providers", { engines: configured.join(", ") });
    return `${field}: ${messages.join(", ")}`;
  };
  const engine = (id: string, label: string, value: string, onChange: (v: string) => void, optional: boolean) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t(optional ? "admin.engines.noEngine" : "admin.engines.chooseEngine")}</option>
        {[...new Set([...configured, value])].filter(Boolean).map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <Title>{t("admin.nav.engines")}</Title>
      <h1>{t("admin.nav.engines")}</h1>
      <h2>{t("admin.engines.health")}</h2>
      {!health.data ? (
        <Loading />
      ) : (
        <TableScroll label={t("admin.engines.health")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin.engines.engine")}</th>
                <th scope="col">{t("admin.engines.circuit")}</th>
                <th scope="col">{t("admin.engines.openedAt")}</th>
                <th scope="col" className="num">
                  {t("admin.engines.calls")}
                </th>
                <th scope="col" className="num">
                  {t("admin.engines.errors")}
                </th>
                <th scope="col" className="num">
                  {t("admin.engines.meanLatency")}
                </th>
              </tr>
            </thead>
            <tbody>
              {health.data.providers.map((p) => (
                <tr key={p.id}>
                  <td>{p.id}</td>
                  <td>
                    <span className={`badge ${p.circuit}`}>
                      {t(`admin.engines.circuits.${p.circuit}`, { defaultValue: p.circuit })}
                    </span>
                  </td>
                  <td>{p.openedAt ? formatDate(locale, p.openedAt) : t("admin.none")}</td>
                  <td className="num">{formatNumber(locale, p.calls)}</td>
                  <td className="num">{formatNumber(locale, p.errors)}</td>
                  <td className="num">
                    {duration(locale, p.meanLatencyMs === null ? null : Math.round(p.meanLatencyMs))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>{t("admin.engines.routing")}</h2>
      <p className="hint">{t("admin.engines.routingHint")}</p>
      {!draft || !routing.data ? (
        <Loading />
      ) : (
        <form onSubmit={save} className="narrow">
          {status?.kind === "saved" && (
            <p role="status" className="notice">
              {t("admin.engines.saved")}
            </p>
          )}
          {status?.kind === "error" && (
            <div role="alert" className="alert">
              <p>{t(errorMessageKey(status.failure))}</p>
              {Object.keys(status.failure.fields).length > 0 && (
                <ul>
                  {Object.entries(status.failure.fields).map(([field, messages]) => (
                    <li key={field}>{refusal(field, messages)}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <fieldset>
            <legend>{t("admin.engines.arms")}</legend>
            {draft.arms.map((arm, i) => (
              <div className="grid" key={i}>
                {engine(
                  `arm-${i}`,
                  t("admin.engines.engine"),
                  arm.provider,
                  (v) => set((d) => ({ ...d, arms: d.arms.map((a, k) => (k === i ? { ...a, provider: v } : a)) })),
                  false,
                )}
                {num(
                  t("admin.engines.weight"),
                  arm.weight,
                  (v) => set((d) => ({ ...d, arms: d.arms.map((a, k) => (k === i ? { ...a, weight: v } : a)) })),
                  { step: "any" },
                )}
                {draft.arms.length > 1 && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => set((d) => ({ ...d, arms: d.arms.filter((_, k) => k !== i) }))}
                  >
                    {t("admin.engines.remove")}
                  </button>
                )}
              </div>
            ))}
            <button
              type="button"
              className="button secondary"
              onClick={() => set((d) => ({ ...d, arms: [...d.arms, { provider: "", weight: "1" }] }))}
            >
              {t("admin.engines.addArm")}
            </button>
          </fieldset>
          <fieldset>
            <legend>{t("admin.engines.ramp")}</legend>
            <p className="hint">{t("admin.engines.rampHint")}</p>
            <div className="grid">
              {engine(
                "ramp-engine",
                t("admin.engines.engine"),
                draft.ramp.provider,
                (v) => set((d) => ({ ...d, ramp: { ...d.ramp, provider: v } })),
                true,
              )}
              {num(
                t("admin.engines.percent"),
                draft.ramp.percent,
                (v) => set((d) => ({ ...d, ramp: { ...d.ramp, percent: v } })),
                { step: "any", max: 100 },
              )}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t("admin.engines.failover")}</legend>
            <p className="hint">{t("admin.engines.failoverHint")}</p>
            <ol className="chain">
              {draft.failover.map((name, i) => (
                <li key={i}>
                  {engine(
                    `failover-${i}`,
                    t("admin.engines.failoverStep", { n: i + 1 }),
                    name,
                    (v) => set((d) => ({ ...d, failover: d.failover.map((f, k) => (k === i ? v : f)) })),
                    false,
                  )}
                  {i > 0 && (
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        set((d) => {
                          const failover = [...d.failover];
                          [failover[i - 1], failover[i]] = [failover[i]!, failover[i - 1]!];
                          return { ...d, failover };
                        })
                      }
                    >
                      {t("admin.engines.earlier", { n: i + 1 })}
                    </button>
                  )}
                  <button
                    type="button"
                    className="link"
                    onClick={() => set((d) => ({ ...d, failover: d.failover.filter((_, k) => k !== i) }))}
                  >
                    {t("admin.engines.removeStep", { n: i + 1 })}
                  </button>
                </li>
              ))}
            </ol>
            <button
              type="button"
              className="button secondary"
              onClick={() => set((d) => ({ ...d, failover: [...d.failover, ""] }))}
            >
              {t("admin.engines.addStep")}
            </button>
          </fieldset>
          <fieldset>
            <legend>{t("admin.engines.blind")}</legend>
            <p className="hint">{t("admin.engines.blindHint")}</p>
            <div className="grid">
              {(["a", "b"] as const).map((side) => (
                <Fragment key={side}>
                  {engine(
                    `blind-${side}`,
                    `${t("admin.engines.engine")} ${side.toUpperCase()}`,
                    draft.blind[side],
                    (v) => set((d) => ({ ...d, blind: { ...d.blind, [side]: v } })),
                    true,
                  )}
                </Fragment>
              ))}
              {num(
                t("admin.engines.percent"),
                draft.blind.percent,
                (v) => set((d) => ({ ...d, blind: { ...d.blind, percent: v } })),
                { step: "any", max: 100 },
              )}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t("admin.engines.breaker")}</legend>
            <div className="grid">
              {num(
                t("admin.engines.breakerWindow"),
                draft.breaker.window,
                (v) => set((d) => ({ ...d, breaker: { ...d.breaker, window: v } })),
                { min: 1 },
              )}
              {num(
                t("admin.engines.minCalls"),
                draft.breaker.minCalls,
                (v) => set((d) => ({ ...d, breaker: { ...d.breaker, minCalls: v } })),
                { min: 1 },
              )}
              {num(
                t("admin.engines.failureRate"),
                draft.breaker.failureRate,
                (v) => set((d) => ({ ...d, breaker: { ...d.breaker, failureRate: v } })),
                { step: "0.05", max: 1 },
              )}
              {num(
                t("admin.engines.openSeconds"),
                draft.breaker.openSeconds,
                (v) => set((d) => ({ ...d, breaker: { ...d.breaker, openSeconds: v } })),
                { min: 1 },
              )}
            </div>
          </fieldset>
          <div className="actions">
            <button type="submit" className="button" disabled={saving}>
              {t("admin.engines.save")}
            </button>
            <button type="button" className="button secondary" onClick={() => setDraft(draftOf(routing.data!.default))}>
              {t("admin.engines.reset")}
            </button>
          </div>
        </form>
      )}
      <BlindResults />
    </>
  );
}

/** What the blind comparisons found: per pair of engines, how often people kept each one's take. */
function BlindResults() {
  const { t } = useTranslation();
  const locale = useLocale();
  const preferences = useApi("preferences", () => unwrap(api.GET("/api/admin/preferences")));
  const pairs = preferences.data?.pairs ?? null;
  return (
    <>
      <h2>{t("admin.engines.blindResults")}</h2>
      <p className="hint">{t("admin.engines.blindResultsHint")}</p>
      {!pairs ? (
        <Loading />
      ) : pairs.length === 0 ? (
        <p>{t("admin.engines.noComparisons")}</p>
      ) : (
        <TableScroll label={t("admin.engines.blindResults")}>
          <table data-testid="blind-results">
            <thead>
              <tr>
                <th scope="col">{t("admin.engines.pair")}</th>
                <th scope="col" className="num">
                  {t("admin.engines.comparisons")}
                </th>
                {[0, 1].map((side) => (
                  <th scope="col" key={side}>
                    {`${t("admin.engines.engine")} ${side === 0 ? "A" : "B"}`}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {pairs.map((pair) => (
                <tr key={pair.providers.join("+")}>
                  <td>{pair.providers.join(" / ")}</td>
                  <td className="num">{formatNumber(locale, pair.comparisons)}</td>
                  {pair.providers.map((engine) => (
                    <td key={engine}>
                      {t("admin.engines.keptBy", {
                        engine,
                        count: pair.kept[engine] ?? 0,
                        share: percent(locale, pair.comparisons ? (pair.kept[engine] ?? 0) / pair.comparisons : 0),
                      })}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
