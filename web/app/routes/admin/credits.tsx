import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { GrantResult } from "../../admin/types";
import { ApiFailure, api, unwrap } from "../../lib/api";
import { ErrorSummary, Field, type FormErrors, fieldErrors } from "../../lib/form";
import { Title, useLocale } from "../../lib/hooks";
import { formatNumber } from "../../lib/i18n";

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
      setErrors(err instanceof ApiFailure ? fieldErrors(err) : { form: "network" });
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="narrow">
      <Title>{t("admin.grant.title")}</Title>
      <h1>{t("admin.grant.title")}</h1>
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
    </div>
  );
}
