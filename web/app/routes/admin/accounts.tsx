import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure, api, asApiFailure, unwrap } from "../../lib/api";
import { ErrorSummary, Field, type FormErrors, fieldErrors } from "../../lib/form";
import { Title, useLocale } from "../../lib/hooks";
import { formatDate } from "../../lib/i18n";

/**
 * A deletion asked for by mail: the operator types the account's email twice, since nothing undoes it; the
 * API does what the person's own deletion does (POST /api/admin/account-deletions).
 */
export default function AdminAccounts() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [errors, setErrors] = useState<FormErrors>({});
  // What this form knows better than the API's generic words: the two emails differ, or no account has it.
  const [problem, setProblem] = useState<{ field: "email" | "confirm"; text: string } | null>(null);
  const [deletedAt, setDeletedAt] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    const email = String(form.get("email") ?? "").trim();
    setDeletedAt(null);
    setProblem(null);
    if (
      email.toLowerCase() !==
      String(form.get("confirm") ?? "")
        .trim()
        .toLowerCase()
    ) {
      setProblem({ field: "confirm", text: t("admin.accounts.mismatch") });
      setErrors({ fields: { confirm: true } });
      return;
    }
    setSending(true);
    setErrors({});
    try {
      const deletion = await unwrap(api.POST("/api/admin/account-deletions", { body: { email } }));
      setDeletedAt(deletion.deletedAt);
      target.reset();
    } catch (err) {
      if (err instanceof ApiFailure && err.code === "not_found") {
        setProblem({ field: "email", text: t("admin.accounts.notFound") });
        setErrors({ fields: { email: true } });
      } else setErrors(fieldErrors(asApiFailure(err)));
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="narrow">
      <Title>{t("admin.accounts.title")}</Title>
      <h1>{t("admin.accounts.title")}</h1>
      <p className="hint">{t("admin.accounts.hint")}</p>
      {deletedAt && (
        <p role="status" className="notice" data-testid="account-deleted">
          {t("admin.accounts.done", { date: formatDate(locale, deletedAt) })}
        </p>
      )}
      <ErrorSummary errors={errors} />
      {problem && (
        <p role="alert" className="alert">
          {problem.text}
        </p>
      )}
      <form onSubmit={submit} onChange={() => setDeletedAt(null)}>
        <Field
          name="email"
          label={t("admin.accounts.email")}
          errors={errors}
          error={problem?.field === "email" ? problem.text : undefined}
        >
          {(props) => <input {...props} type="email" required autoComplete="off" />}
        </Field>
        <Field
          name="confirm"
          label={t("admin.accounts.confirm")}
          errors={errors}
          error={problem?.field === "confirm" ? problem.text : undefined}
        >
          {(props) => <input {...props} type="email" required autoComplete="off" />}
        </Field>
        <button type="submit" className="button danger" disabled={sending}>
          {t("admin.accounts.submit")}
        </button>
      </form>
    </div>
  );
}
