import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiFailure, api, asApiFailure, type Schema, setSession, unwrap } from "../lib/api";
import { errorMessageKey, Field, type FormErrors, fieldErrors } from "../lib/form";
import { Loading, Title, useLocale, useRequireAuth } from "../lib/hooks";
import { formatDate, withLocale } from "../lib/i18n";

/** Saves the export as a file: the API answers JSON, the browser gets a download of it. */
function saveJson(data: unknown, filename: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saved as soon as it is ticked or unticked: one choice needs no separate button. */
function OrderEmails({ account, onChange }: { account: Schema<"Account">; onChange: (a: Schema<"Account">) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "busy" | "saved" | { error: string }>("idle");
  // Shown ticked or not at once; put back if the change is refused.
  const [checked, setChecked] = useState(account.orderEmails);
  async function save(orderEmails: boolean) {
    setChecked(orderEmails);
    setState("busy");
    try {
      onChange(await unwrap(api.PATCH("/api/account", { body: { orderEmails } })));
      setState("saved");
    } catch (error) {
      setChecked(!orderEmails);
      setState({ error: errorMessageKey(error) });
    }
  }
  return (
    <section aria-labelledby="emails-title">
      <h2 id="emails-title">{t("settings.emailsTitle")}</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          disabled={state === "busy"}
          onChange={(event) => void save(event.currentTarget.checked)}
          aria-describedby="order-emails-hint"
          data-testid="order-emails"
        />{" "}
        {t("settings.orderEmails")}
      </label>
      <p className="muted" id="order-emails-hint">
        {t("settings.orderEmailsHint")}
      </p>
      <p role="status" className="muted">
        {state === "saved" ? t("settings.emailsSaved") : ""}
      </p>
      {typeof state === "object" && (
        <p role="alert" className="error">
          {t(state.error)}
        </p>
      )}
    </section>
  );
}

function ExportData() {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "busy" | "done" | { error: string }>("idle");
  async function download() {
    setState("busy");
    try {
      const data = await unwrap(api.GET("/api/account/export"));
      saveJson(data, `refrain-${data.exportedAt.slice(0, 10)}.json`);
      setState("done");
    } catch (error) {
      setState({ error: errorMessageKey(error) });
    }
  }
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t("settings.exportTitle")}</h2>
      <p>{t("settings.exportLead")}</p>
      <button
        type="button"
        className="button secondary"
        onClick={download}
        disabled={state === "busy"}
        data-testid="export"
      >
        {t(state === "busy" ? "settings.exporting" : "settings.exportButton")}
      </button>
      <p role="status" className="muted">
        {state === "done" ? t("settings.exported") : typeof state === "object" ? t(state.error) : ""}
      </p>
    </section>
  );
}

function ChangePassword({ email }: { email: string | null }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<{ error: ApiFailure; currentGiven: boolean } | null>(null);
  const [state, setState] = useState<"idle" | "busy" | "done">("idle");
  const errors: FormErrors = failure ? fieldErrors(failure.error) : {};

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const currentPassword = String(data.get("currentPassword") ?? "");
    setState("busy");
    setFailure(null);
    try {
      // The answer is this device's new session: every session from before, this one's too, has ended.
      setSession(
        await unwrap(
          api.POST("/api/auth/password", {
            body: { currentPassword, newPassword: String(data.get("newPassword") ?? "") },
          }),
        ),
      );
      form.reset();
      setState("done");
    } catch (error) {
      setFailure({
        error: asApiFailure(error),
        currentGiven: currentPassword !== "",
      });
      setState("idle");
    }
  }

  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t("settings.passwordTitle")}</h2>
      <p>{t("settings.passwordLead")}</p>
      {/* The fields say what is wrong with them; what is not about a field (too many tries, no network) is said here. */}
      {failure && Object.keys(failure.error.fields).length === 0 && (
        <div role="alert" className="alert">
          <p>{t(errorMessageKey(failure.error))}</p>
        </div>
      )}
      <form onSubmit={submit} noValidate data-testid="password-form">
        {/* Password managers file the new password under this account's email only if the form names it. */}
        {email && <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />}
        <Field
          name="currentPassword"
          label={t("settings.currentPassword")}
          errors={errors}
          error={failure?.currentGiven ? t("settings.passwordWrong") : undefined}
        >
          {(p) => <input {...p} type="password" autoComplete="current-password" required />}
        </Field>
        <Field name="newPassword" label={t("settings.newPassword")} hint={t("auth.passwordHint")} errors={errors}>
          {(p) => <input {...p} type="password" autoComplete="new-password" required minLength={8} />}
        </Field>
        <button type="submit" className="button secondary" disabled={state === "busy"} data-testid="password-change">
          {t(state === "busy" ? "settings.passwordBusy" : "settings.passwordButton")}
        </button>
      </form>
      <p role="status" className="muted" data-testid="password-status">
        {state === "done" ? t("settings.passwordChanged") : ""}
      </p>
    </section>
  );
}

function DeleteAccount({ account }: { account: Schema<"Account"> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Accounts with a password confirm with it; the others (Supabase) type their email, or their id when they have none.
  const byPassword = account.signIn === "password";
  const field = byPassword ? "password" : "email";

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get(field) ?? "");
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST("/api/account/deletion", { body: { [field]: value } }));
      // A full load, not a client navigation: nothing of the session survives in memory (the API has
      // already dropped the refresh cookie), and this signed-in page does not bounce to the sign-in page.
      window.location.replace(`${withLocale(locale, "/privacy")}?deleted=1`);
    } catch (failure) {
      setError(
        failure instanceof ApiFailure && failure.code === "validation_failed"
          ? "settings.mismatch"
          : errorMessageKey(failure),
      );
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">{t("settings.deleteTitle")}</h2>
      <p>{t("settings.deleteLead")}</p>
      <ul>
        {(t("settings.deleteWhat", { returnObjects: true }) as string[]).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {error && (
        <div role="alert" className="alert" data-testid="delete-error">
          <p>{t(error)}</p>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        {byPassword && account.email && (
          <input type="email" name="username" autoComplete="username" value={account.email} readOnly hidden />
        )}
        <div className={error ? "field invalid" : "field"}>
          <label htmlFor={`${id}-confirm`}>
            {byPassword
              ? t("settings.confirmPassword")
              : t("settings.confirmEmail", { email: account.email ?? account.id })}
          </label>
          <input
            id={`${id}-confirm`}
            name={field}
            type={byPassword ? "password" : "text"}
            autoComplete={byPassword ? "current-password" : "off"}
            required
            {...(error ? { "aria-invalid": true } : {})}
          />
        </div>
        <button type="submit" className="button danger" disabled={busy} data-testid="delete-account">
          {t(busy ? "settings.deleting" : "settings.deleteButton")}
        </button>
      </form>
    </section>
  );
}

export default function Settings() {
  const { t } = useTranslation();
  const locale = useLocale();
  const auth = useRequireAuth();
  const [account, setAccount] = useState<Schema<"Account"> | null>(null);
  useEffect(() => {
    if (auth.status === "in") unwrap(api.GET("/api/account")).then(setAccount, () => undefined);
  }, [auth.status]);
  if (!account) return <Loading />;
  return (
    <div className="page narrow">
      <Title>{t("settings.title")}</Title>
      <h1>{t("settings.title")}</h1>
      <dl className="facts">
        {account.email && (
          <>
            <dt>{t("settings.email")}</dt>
            <dd data-testid="account-email">{account.email}</dd>
          </>
        )}
        <dt>{t("settings.signIn")}</dt>
        <dd>{t(`settings.signInWith.${account.signIn}`)}</dd>
      </dl>
      <p className="muted">{t("settings.created", { date: formatDate(locale, account.createdAt) })}</p>
      <p>
        <Link to={withLocale(locale, "/privacy")}>{t("settings.privacyLink")}</Link>
      </p>
      {account.email && <OrderEmails account={account} onChange={setAccount} />}
      {account.signIn === "password" && <ChangePassword email={account.email} />}
      <ExportData />
      <DeleteAccount account={account} />
    </div>
  );
}
