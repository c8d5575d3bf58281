import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, asApiFailure, setSession, unwrap } from "../lib/api";
import { ErrorSummary, Field, type FormErrors, fieldErrors } from "../lib/form";
import { Title, useLocale } from "../lib/hooks";
import { withLocale } from "../lib/i18n";

export default function Reset() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const [token, setToken] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [link, setLink] = useState<"expired" | "invalid" | null>(null);
  const [busy, setBusy] = useState(false);
  // The token comes in the link's fragment, which no server sees; it is taken out of the address bar
  // so that it is not left in the history or copied along with the URL. Kept in a ref, as the effect
  // may run twice (React's strict mode) and finds no fragment the second time.
  const fragment = useRef<string | null>(null);
  useEffect(() => {
    fragment.current ||= window.location.hash.slice(1);
    if (window.location.hash) window.history.replaceState(window.history.state, "", window.location.pathname);
    setToken(fragment.current);
    if (!fragment.current) setLink("invalid");
  }, []);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newPassword = String(new FormData(event.currentTarget).get("newPassword") ?? "");
    setBusy(true);
    setErrors({});
    try {
      setSession(
        await unwrap(api.POST("/api/auth/password-reset/confirm", { body: { token: token ?? "", newPassword } })),
      );
      navigate(withLocale(locale, "/songs"));
    } catch (error) {
      const failure = asApiFailure(error);
      const tokenError = failure.fields.token?.[0];
      if (tokenError) setLink(tokenError === "expired" ? "expired" : "invalid");
      else setErrors(fieldErrors(failure));
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <Title>{t("reset.title")}</Title>
      <h1>{t("reset.title")}</h1>
      {link ? (
        <div role="alert" className="alert" data-testid="reset-link-error">
          <p>{t(`reset.${link}`)}</p>
          <p>
            <Link to={withLocale(locale, "/forgot")}>{t("reset.askAgain")}</Link>
          </p>
        </div>
      ) : (
        <>
          <p>{t("reset.lead")}</p>
          <ErrorSummary errors={errors} />
          <form method="post" onSubmit={submit} noValidate>
            <Field name="newPassword" label={t("settings.newPassword")} hint={t("auth.passwordHint")} errors={errors}>
              {(p) => <input {...p} type="password" autoComplete="new-password" required minLength={8} />}
            </Field>
            <button type="submit" className="button" disabled={token === null || busy}>
              {t("reset.submit")}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
