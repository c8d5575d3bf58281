import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useMatches, useNavigate, useSearchParams } from "react-router";
import { asApiFailure, signIn } from "../lib/api";
import { useAuth } from "../lib/auth";
import { ErrorSummary, Field, type FormErrors, fieldErrors } from "../lib/form";
import { Title, useLocale } from "../lib/hooks";
import { withLocale } from "../lib/i18n";
import { useTurnstile } from "../lib/turnstile";

export default function SignIn() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const kind = useMatches().some((m) => m.id === "signup") ? "signup" : "signin";
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  // Before the page's script runs, the browser would send the form itself, password in the URL: the button waits for it.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const turnstile = useTurnstile();
  const title = t(kind === "signup" ? "auth.signupTitle" : "auth.signinTitle");

  const next = params.get("next");
  const after = next?.startsWith("/") && !next.startsWith("//") ? next : withLocale(locale, "/new");
  // Signed in (by this form, or already: an old link, the back button), the person goes on to where they were
  // headed; the sign-in page leaves their history.
  const auth = useAuth();
  useEffect(() => {
    if (auth.status === "in") navigate(after, { replace: true });
  }, [auth.status, after, navigate]);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      await signIn(kind, String(form.get("email") ?? ""), String(form.get("password") ?? ""), turnstile.token);
    } catch (error) {
      setErrors(fieldErrors(asApiFailure(error)));
      turnstile.reset();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <Title>{title}</Title>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" onSubmit={submit} noValidate>
        <Field name="email" label={t("auth.email")} errors={errors}>
          {(p) => <input {...p} type="email" autoComplete="email" required />}
        </Field>
        <Field
          name="password"
          label={t("auth.password")}
          hint={kind === "signup" ? t("auth.passwordHint") : undefined}
          errors={errors}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete={kind === "signup" ? "new-password" : "current-password"}
              required
              minLength={8}
            />
          )}
        </Field>
        {kind === "signup" && turnstile.widget}
        <button
          type="submit"
          className="button"
          disabled={!ready || busy || (kind === "signup" && turnstile.token === null)}
        >
          {t(kind === "signup" ? "auth.submitSignup" : "auth.submitSignin")}
        </button>
      </form>
      {kind === "signin" && (
        <p>
          <Link to={withLocale(locale, "/forgot")}>{t("auth.forgot")}</Link>
        </p>
      )}
      <p>
        <Link to={withLocale(locale, kind === "signup" ? "/signin" : "/signup")}>
          {t(kind === "signup" ? "auth.toSignin" : "auth.toSignup")}
        </Link>
      </p>
    </div>
  );
}
