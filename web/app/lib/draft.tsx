import { type ComponentProps, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure, api, asApiFailure, type Schema, unwrap } from "./api";
import { useLocale } from "./hooks";
import { formatDate, formatNumber } from "./i18n";
import { withLine } from "./lyric-edit";

/** The API's messages are English: each field error is shown by its path, in the page's language. */
function describe(
  t: (key: string, options?: Record<string, unknown>) => string,
  path: string,
  messages: string[],
): string {
  const message = messages.join(" ");
  if (/^sections\.\d+\.lines\.\d+$/.test(path))
    return t(
      /emoji/i.test(message)
        ? "draft.errors.lineWords"
        : /empty|too_small|at least/i.test(message)
          ? "draft.errors.lineEmpty"
          : "draft.errors.lineLong",
    );
  if (/^sections\.\d+\.lines$/.test(path)) return t("draft.errors.lineCount");
  if (path === "title") return t("draft.errors.title");
  const name = /^(.+) is not mentioned/.exec(message)?.[1];
  if (name) return t("draft.errors.name", { name });
  const limit = /at most (\d+) characters in all/.exec(message)?.[1];
  if (limit) return t("draft.errors.total", { limit });
  return t("errors.validation_failed");
}

/** The draft waiting for approval: every line editable, a new draft, or the go-ahead for the music. */
/**
 * One line of the lyrics. It wraps instead of scrolling sideways, so that a phone shows the whole line the
 * person is asked to approve; it stays one line: Enter saves as it does in a text field, and a pasted line
 * break becomes a space. Browsers without `field-sizing` get the height of the wrapped text from here.
 */
function LyricLine({
  value,
  onLine,
  ...props
}: Omit<ComponentProps<"textarea">, "onChange" | "value"> & { value: string; onLine: (value: string) => void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the text, set again at each change.
  useLayoutEffect(() => {
    const area = ref.current;
    if (!area || CSS.supports("field-sizing", "content")) return;
    const size = () => {
      area.style.height = "auto";
      area.style.height = `${area.scrollHeight + area.offsetHeight - area.clientHeight}px`;
    };
    size();
    addEventListener("resize", size);
    return () => removeEventListener("resize", size);
  }, [value]);
  return (
    <textarea
      ref={ref}
      rows={1}
      className="lyric-line"
      value={value}
      onChange={(e) => onLine(e.target.value.replace(/\s*[\r\n]+\s*/g, " "))}
      onKeyDown={(e) => {
        if (e.key !== "Enter") return;
        e.preventDefault();
        e.currentTarget.form?.requestSubmit();
      }}
      {...props}
    />
  );
}

export function DraftEditor({
  job,
  language,
  freeDrafts,
  onChange,
}: {
  job: Schema<"Job"> & { lyrics: Schema<"LyricsEdit"> };
  language: string;
  freeDrafts: number;
  onChange: (job: Schema<"Job">) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [lyrics, setLyrics] = useState<Schema<"LyricsEdit">>(job.lyrics);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [exhausted, setExhausted] = useState(false);
  // The first draft is the order's own; freeDrafts more may follow.
  const left = exhausted ? 0 : Math.max(0, freeDrafts + 1 - job.drafts);

  const setLine = (s: number, l: number, value: string) => {
    setDirty(true);
    setLyrics((x) => withLine(x, s, l, value));
  };

  function fail(error: unknown) {
    const e = asApiFailure(error);
    if (e.code === "validation_failed") {
      setFields(
        Object.fromEntries(Object.entries(e.fields).map(([path, messages]) => [path, describe(t, path, messages)])),
      );
      setNotice({ text: t("draft.invalid"), error: true });
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[data-draft] [aria-invalid=true]")?.focus());
    } else if (e.status === 409) {
      setNotice({ text: t("draft.conflict"), error: true });
    } else {
      setNotice({ text: t(e.code === "network" ? "errors.network" : "errors.generic"), error: true });
    }
  }

  async function save(): Promise<boolean> {
    setFields({});
    try {
      const next = await unwrap(api.PUT("/api/jobs/{id}/lyrics", { params: { path: { id: job.id } }, body: lyrics }));
      setDirty(false);
      setNotice({ text: t("draft.saved"), error: false });
      onChange(next);
      return true;
    } catch (error) {
      fail(error);
      return false;
    }
  }

  async function run(action: "save" | "redraft" | "approve") {
    setBusy(true);
    setNotice(null);
    try {
      if (action === "save") return void (await save());
      if (action === "approve" && dirty && !(await save())) return;
      const path = { params: { path: { id: job.id } } };
      const next = await unwrap(
        action === "approve"
          ? api.POST("/api/jobs/{id}/lyrics/approve", path)
          : api.POST("/api/jobs/{id}/lyrics/redraft", path),
      );
      setNotice({ text: t(action === "approve" ? "draft.approved" : "draft.redrafting"), error: false });
      onChange(next);
    } catch (error) {
      if (action === "redraft" && error instanceof ApiFailure && error.status === 409) {
        setExhausted(true);
        setNotice({ text: t("draft.noneLeft"), error: true });
      } else fail(error);
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (path: string) => fields[path];
  return (
    <section aria-labelledby="draft-title" className="draft" data-testid="draft" data-draft>
      <h2 id="draft-title">{t("draft.title")}</h2>
      <p>{t("draft.lead")}</p>
      <p className="muted" data-testid="draft-expiry">
        {t("draft.expires", { date: formatDate(locale, job.deadlineAt) })}
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void run("save");
        }}
      >
        <div className="field">
          <label htmlFor="draft-title-input">{t("draft.songTitle")}</label>
          <input
            id="draft-title-input"
            type="text"
            lang={language}
            maxLength={80}
            value={lyrics.title}
            onChange={(e) => (setDirty(true), setLyrics((x) => ({ ...x, title: e.target.value })))}
            {...(errorFor("title") ? { "aria-invalid": true, "aria-describedby": "draft-error-title" } : {})}
          />
          {errorFor("title") && (
            <p id="draft-error-title" className="error" data-field-error="title">
              {errorFor("title")}
            </p>
          )}
        </div>
        {fields.sections && (
          <p className="error" data-field-error="sections">
            {fields.sections}
          </p>
        )}
        {lyrics.sections.map((section, s) => {
          const kind = t(`sections.${section.kind}`, { defaultValue: section.kind });
          const count = lyrics.sections.slice(0, s + 1).filter((x) => x.kind === section.kind).length;
          const heading = t("draft.section", { kind, n: formatNumber(locale, count) });
          return (
            <fieldset key={s} className="draft-section">
              <legend>{heading}</legend>
              {fields[`sections.${s}.lines`] && (
                <p className="error" data-field-error={`sections.${s}.lines`}>
                  {fields[`sections.${s}.lines`]}
                </p>
              )}
              {section.lines.map((line, l) => {
                const path = `sections.${s}.lines.${l}`;
                const id = `draft-${s}-${l}`;
                const error = errorFor(path);
                return (
                  <div key={l} className={error ? "field invalid" : "field"}>
                    <label htmlFor={id}>{t("draft.line", { section: heading, n: formatNumber(locale, l + 1) })}</label>
                    <LyricLine
                      id={id}
                      lang={language}
                      maxLength={200}
                      value={line}
                      onLine={(value) => setLine(s, l, value)}
                      data-testid={`draft-line-${s}-${l}`}
                      {...(error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {})}
                    />
                    {error && (
                      <p id={`${id}-error`} className="error" data-field-error={path}>
                        {error}
                      </p>
                    )}
                  </div>
                );
              })}
            </fieldset>
          );
        })}
        <p className="actions">
          <button type="submit" className="button secondary" disabled={busy || !dirty} data-testid="draft-save">
            {t("draft.save")}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy || left === 0}
            onClick={() => void run("redraft")}
            data-testid="draft-redraft"
          >
            {t("draft.redraft", { count: left, n: formatNumber(locale, left) })}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run("approve")}
            data-testid="draft-approve"
          >
            {t("draft.approve")}
          </button>
        </p>
      </form>
      <p role="status" className={notice?.error ? "error" : "muted"} data-testid="draft-status">
        {notice?.text ?? ""}
      </p>
    </section>
  );
}
