import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, asApiFailure, unwrap } from "../lib/api";
import { ErrorSummary, Field, type FormErrors, fieldErrors } from "../lib/form";
import { Title, useLocale } from "../lib/hooks";

export default function Forgot() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [errors, setErrors] = useState<FormErrors>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Before the page's script runs, the browser would send the form itself: the button waits for it.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    setBusy(true);
    setErrors({});
    try {
      await unwrap(api.POST("/api/auth/password-reset", { body: { email, language: locale } }));
      setSentTo(email);
    } catch (error) {
      setErrors(fieldErrors(asApiFailure(error)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <Title>{t("forgot.title")}</Title>
      <h1>{t("forgot.title")}</h1>
      <p>{t("forgot.lead")}</p>
      <ErrorSummary errors={errors} />
      <form method="post" onSubmit={submit} noValidate>
        <Field name="email" label={t("auth.email")} errors={errors}>
          {(p) => <input {...p} type="email" autoComplete="email" required />}
        </Field>
        <button type="submit" className="button" disabled={!ready || busy}>
          {t("forgot.submit")}
        </button>
      </form>
      <p role="status" data-testid="reset-sent">
        {sentTo ? t("forgot.sent", { email: sentTo }) : ""}
      </p>
    </div>
  );
}
