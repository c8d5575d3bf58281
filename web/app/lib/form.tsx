import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure, type ErrorCode } from "./api";

/** Errors to show: the form's own (by error code) and each field's (by field name), in the page's language. */
export interface FormErrors {
  form?: string;
  fields?: Record<string, true>;
}

export function fieldErrors(error: ApiFailure): FormErrors {
  const fields = Object.fromEntries(Object.keys(error.fields).map((f) => [f.split(".")[0]!, true as const]));
  return { form: error.code, fields };
}

/**
 * The errors left once the person changes a field: its own goes (it may be right now; the API says again
 * on the next try), and a summary left with no field to point to goes with it.
 */
export function corrected(errors: FormErrors, name: string): FormErrors {
  if (!errors.fields?.[name]) return errors;
  const { [name]: _, ...fields } = errors.fields;
  return Object.keys(fields).length === 0 && errors.form === "validation_failed" ? {} : { ...errors, fields };
}

const explained = [
  "validation_failed",
  "unauthorized",
  "conflict",
  "insufficient_credits",
  "rate_limited",
  "quota_exceeded",
  "challenge_failed",
  "not_found",
  "unavailable",
  "network",
  "account_on_hold",
] as const satisfies readonly (ErrorCode | "network")[];

/** The locale key that explains an error code to a person (a generic one for codes they cannot act on). */
export function errorMessageKey(error: unknown): string {
  const code = error instanceof ApiFailure ? error.code : "network";
  return `errors.${(explained as readonly string[]).includes(code) ? code : "generic"}`;
}

/** The form's errors, each field's linked to it; `messages` are what the form's fields say instead of the generic words. */
export function ErrorSummary({
  errors,
  messages = {},
}: {
  errors: FormErrors;
  messages?: Partial<Record<string, string | undefined>>;
}) {
  const { t } = useTranslation();
  if (!errors.form) return null;
  return (
    <div role="alert" className="alert" tabIndex={-1}>
      <p>{t(`errors.${(explained as readonly string[]).includes(errors.form) ? errors.form : "generic"}`)}</p>
      {errors.fields && Object.keys(errors.fields).length > 0 && (
        <ul>
          {Object.keys(errors.fields).map((f) => (
            <li key={f}>
              <a href={`#field-${f}`}>
                {messages[f] ?? t(`errors.field.${f}`, { defaultValue: t("errors.validation_failed") })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type InputProps = { id: string; name: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

/**
 * A labelled field with its hint, its error in the page's language (`error` when this form knows better than
 * the generic one) and, for text with a limit, a live count ("12/600") shown before the limit is reached.
 */
export function Field({
  name,
  label,
  hint,
  errors,
  error,
  count,
  children,
}: {
  name: string;
  label: string;
  hint?: string | undefined;
  errors: FormErrors;
  error?: string | undefined;
  count?: { value: number; max: number; label?: string; over?: boolean } | undefined;
  children: (props: InputProps) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const base = useId();
  const invalid = Boolean(errors.fields?.[name]);
  const hintId = `${base}-hint`;
  const errorId = `${base}-error`;
  const countId = `${base}-count`;
  const describedBy =
    [hint ? hintId : null, count ? countId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={invalid ? "field invalid" : "field"}>
      <label htmlFor={`field-${name}`}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {children({
        id: `field-${name}`,
        name,
        ...(invalid ? { "aria-invalid": true } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {count && (
        <p
          id={countId}
          className={count.over || count.value > count.max ? "count error" : "count"}
          data-testid={`count-${name}`}
          aria-live="polite"
        >
          {count.label ?? t("firstSong.order.count", { count: count.value, max: count.max })}
        </p>
      )}
      {invalid && (
        <p id={errorId} className="error" data-field-error={name}>
          {error ?? t(`errors.field.${name}`, { defaultValue: t("errors.validation_failed") })}
        </p>
      )}
    </div>
  );
}

/** One `<option>` per value of a closed set, labelled in the person's language. */
export function Options<V extends string | number>({
  values,
  label,
}: {
  values: readonly V[];
  label: (v: V) => string;
}) {
  return values.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
}
