import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { GrantResult } from "../../admin/types";
import { useApi } from "../../admin/use-api";
import { api, asApiFailure, unwrap } from "../../lib/api";
import { ErrorSummary, errorMessageKey, Field, type FormErrors, fieldErrors } from "../../lib/form";
import { Loading, Title, useLocale } from "../../lib/hooks";
import { formatDate, formatNumber } from "../../lib/i18n";
import { TableScroll } from "../../lib/table-scroll";

const loadHolds = () => unwrap(api.GET("/api/admin/billing/holds"));
type Hold = Awaited<ReturnType<typeof loadHolds>>["holds"][number];

/**
 * Accounts whose refunded or disputed payment had already been spent: they may not order until an operator,
 * having looked, lifts the hold with a note saying what was decided (the page they see promises this review).
 */
function Holds() {
  const { t } = useTranslation();
  const locale = useLocale();
  const holds = useApi("holds", loadHolds);
  const [lifted, setLifted] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ id: string; message: string } | null>(null);

  async function lift(event: React.FormEvent<HTMLFormElement>, hold: Hold) {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get("note") ?? "");
    setFailed(null);
    try {
      await unwrap(
        api.POST("/api/admin/billing/holds/{id}/clear", { params: { path: { id: hold.id } }, body: { note } }),
      );
      setLifted(hold.userEmail ?? hold.userId);
      holds.reload();
    } catch (err) {
      setFailed({ id: hold.id, message: t(errorMessageKey(err)) });
    }
  }

  const open = holds.data?.holds ?? null;
  return (
    <section>
      <h2>{t("admin.holds.title")}</h2>
      <p className="hint">{t("admin.holds.hint")}</p>
      {lifted && (
        <p role="status" className="notice" data-testid="hold-lifted">
          {t("admin.holds.lifted", { email: lifted })}
        </p>
      )}
      {!open ? (
        <Loading />
      ) : open.length === 0 ? (
        <p>{t("admin.holds.none")}</p>
      ) : (
        <TableScroll label={t("admin.holds.title")}>
          <table className="stacked" data-testid="holds">
            <thead>
              <tr>
                <th scope="col">{t("admin.holds.account")}</th>
                <th scope="col">{t("admin.holds.reason")}</th>
                <th scope="col" className="num">
                  {t("admin.holds.short")}
                </th>
                <th scope="col">{t("admin.holds.since")}</th>
                <th scope="col">{t("admin.holds.decision")}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((hold) => (
                <tr key={hold.id}>
                  <td data-label={t("admin.holds.account")}>{hold.userEmail ?? hold.userId}</td>
                  <td data-label={t("admin.holds.reason")}>{t(`admin.holds.reasons.${hold.reason}`)}</td>
                  <td className="num" data-label={t("admin.holds.short")}>
                    {formatNumber(locale, hold.creditsShort)}
                  </td>
                  <td data-label={t("admin.holds.since")}>{formatDate(locale, hold.createdAt)}</td>
                  <td data-label={t("admin.holds.decision")}>
                    <form className="inline" onSubmit={(event) => lift(event, hold)}>
                      <input
                        name="note"
                        required
                        minLength={2}
                        maxLength={500}
                        aria-label={t("admin.holds.noteFor", { email: hold.userEmail ?? hold.userId })}
                      />
                      <button type="submit" className="button secondary">
                        {t("admin.holds.lift")}
                      </button>
                      {failed?.id === hold.id && <p role="alert">{failed.message}</p>}
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export default function AdminCredits() {
  const { t } = useTranslation();
  const locale = useLocale();
  // One key per grant being filled in: a double click or a retry after a lost answer grants once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<FormErrors>({});
  const [done, setDone] = useState<GrantResult | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    setSending(true);
    setErrors({});
    try {
      const result = await unwrap(
        api.POST("/api/admin/credits/grants", {
          params: { header: { "idempotency-key": key } },
          body: {
            email: String(form.get("email") ?? "").trim(),
            amount: Number(form.get("amount")),
            reason: String(form.get("reason") ?? ""),
          },
        }),
      );
      setDone(result);
      setKey(crypto.randomUUID());
      target.reset();
    } catch (err) {
      setErrors(fieldErrors(asApiFailure(err)));
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <Title>{t("admin.nav.credits")}</Title>
      <h1>{t("admin.nav.credits")}</h1>
      {/* The holds first: each is a person waiting on an operator. */}
      <Holds />
      <section className="narrow">
        <h2>{t("admin.grant.title")}</h2>
        {done && (
          <p role="status" className="notice" data-testid="grant-done">
            {t("admin.grant.done", {
              amount: formatNumber(locale, done.entry.amount),
              balance: formatNumber(locale, done.balance),
            })}
          </p>
        )}
        <ErrorSummary errors={errors} />
        <form onSubmit={submit} onChange={() => setDone(null)}>
          <Field name="email" label={t("admin.grant.email")} errors={errors}>
            {(props) => <input {...props} type="email" required autoComplete="off" />}
          </Field>
          <Field name="amount" label={t("admin.grant.amount")} errors={errors}>
            {(props) => <input {...props} type="number" min="1" max="100000" step="1" required />}
          </Field>
          <Field name="reason" label={t("admin.grant.reason")} hint={t("admin.grant.reasonHint")} errors={errors}>
            {(props) => <input {...props} required minLength={3} maxLength={200} />}
          </Field>
          <button type="submit" className="button" disabled={sending}>
            {t("admin.grant.submit")}
          </button>
        </form>
      </section>
    </>
  );
}
