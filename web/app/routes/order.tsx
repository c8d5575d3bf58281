import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type LoaderFunctionArgs, useLoaderData, useNavigate } from "react-router";
import { sungLineCount } from "../../../domain/lyrics-text";
import { maxSungLines } from "../../../domain/song-form";
import { api, asApiFailure, createJob, type Schema, unwrap } from "../lib/api";
import { cloudflareContext } from "../lib/context";
import { corrected, ErrorSummary, Field, type FormErrors, fieldErrors, Options } from "../lib/form";
import { Loading, Title, useLocale, useRequireAuth } from "../lib/hooks";
import { formatNumber, withLocale } from "../lib/i18n";
import { languages, styles, voices } from "../lib/options";
import { useTurnstile } from "../lib/turnstile";

export function loader({ context }: LoaderFunctionArgs) {
  return { cost: context.get(cloudflareContext).config.CREDITS_PER_SONG };
}

const moods = ["joyful", "tender", "nostalgic", "epic", "funny", "calm"] as const;
// The mood travels in the song's own language (the lyrics writer may use the word).
const moodWords: Record<string, Record<(typeof moods)[number], string>> = {
  fr: { joyful: "joyeux", tender: "tendre", nostalgic: "nostalgique", epic: "épique", funny: "drôle", calm: "calme" },
  en: { joyful: "joyful", tender: "tender", nostalgic: "nostalgic", epic: "epic", funny: "funny", calm: "calm" },
};
const lengths = [30, 40, 60, 90, 120, 180, 240] as const;
// The API's own limits (worker/jobs/schemas.ts), said beside each field before they are reached.
const limits = {
  occasion: 200,
  recipientName: 60,
  pronounceAs: 80,
  relationship: 80,
  detail: 200,
  details: 6,
  title: 80,
  lyrics: 5000,
} as const;

export default function Order() {
  const { t } = useTranslation();
  const locale = useLocale();
  const auth = useRequireAuth();
  const navigate = useNavigate();
  const { cost } = useLoaderData<typeof loader>();
  const [mode, setMode] = useState<"context" | "custom">("context");
  const [credits, setCredits] = useState<Schema<"Credits"> | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState<Record<string, string>>({});
  const [language, setLanguage] = useState<(typeof languages)[number]>(locale);
  const [duration, setDuration] = useState(60);
  // Switching the page's language offers the song's to match (once per switch, never on its own).
  const [offer, setOffer] = useState(false);
  const shownLocale = useRef(locale);
  const turnstile = useTurnstile();

  useEffect(() => {
    if (shownLocale.current === locale) return;
    shownLocale.current = locale;
    setOffer(language !== locale);
  }, [locale, language]);

  useEffect(() => {
    if (auth.status === "in") unwrap(api.GET("/api/credits")).then(setCredits, () => undefined);
  }, [auth.status]);

  if (auth.status !== "in") return <Loading />;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "");
    // The selects offer only the API's values; whatever arrives, the API validates.
    const common = {
      language,
      styleTags: [s("styleTags")],
      mood: moodWords[language]?.[s("mood") as (typeof moods)[number]] ?? s("mood"),
      vocal: s("vocal") as (typeof voices)[number],
      durationSeconds: Number(s("durationSeconds")),
    };
    const body: Schema<"CreateJob"> =
      mode === "context"
        ? {
            mode,
            occasion: s("occasion"),
            recipientName: s("recipientName"),
            ...(s("pronounceAs").trim() ? { pronounceAs: s("pronounceAs") } : {}),
            approveLyrics: f.get("approveLyrics") === "on",
            ...(s("relationship").trim() ? { relationship: s("relationship") } : {}),
            details: s("details")
              .split("\n")
              .map((l) => l.trim())
              .filter(Boolean),
            ...common,
          }
        : {
            mode,
            title: s("title"),
            lyrics: s("lyrics"),
            ...(s("recipientName").trim() ? { recipientName: s("recipientName") } : {}),
            ...(s("pronounceAs").trim() ? { pronounceAs: s("pronounceAs") } : {}),
            ...common,
          };
    setBusy(true);
    setErrors({});
    try {
      const job = await createJob(body, turnstile.token);
      navigate(withLocale(locale, `/songs/${job.id}`));
    } catch (error) {
      setErrors(fieldErrors(asApiFailure(error)));
      turnstile.reset();
      setBusy(false);
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[role=alert]")?.focus());
    }
  }

  const short = credits !== null && credits.available < cost;
  const typed = (name: keyof typeof limits) => ({
    value: text[name] ?? "",
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setText((x) => ({ ...x, [name]: e.target.value }));
      setErrors((x) => corrected(x, name));
    },
  });
  const counted = (name: keyof typeof limits) => ({ value: [...(text[name] ?? "")].length, max: limits[name] });
  const detailLines = (text.details ?? "").split("\n").filter((l) => l.trim()).length;
  // Counted as the API counts them.
  const lyricLines = sungLineCount(text.lyrics ?? "");
  const fits = maxSungLines(duration);
  const longer = lengths.find((d) => maxSungLines(d) >= lyricLines);
  const seconds = (count: number) => t("order.seconds", { count });
  // The API's refusal of lyrics too long for the length, said with the lengths this page offers.
  const tooManyLines =
    lyricLines <= fits
      ? undefined
      : longer
        ? t("order.tooManyLines", { count: lyricLines, length: seconds(duration), fits, longer: seconds(longer) })
        : t("order.tooManyLinesForAny", { count: lyricLines, max: maxSungLines(Math.max(...lengths)) });
  const recipientNotSung = t("firstSong.order.recipientNotSung");
  const pronounceNeedsName = (text.recipientName ?? "").trim() ? undefined : t("firstSong.order.pronounceNeedsName");
  const other = (l: string) => t(`options.language.${l}`);
  return (
    <div className="page narrow">
      <Title>{t("order.title")}</Title>
      <h1>{t("order.title")}</h1>
      <ErrorSummary
        errors={errors}
        messages={
          mode === "custom"
            ? { lyrics: tooManyLines, recipientName: recipientNotSung, pronounceAs: pronounceNeedsName }
            : {}
        }
      />
      <form onSubmit={submit} noValidate aria-describedby="cost">
        <fieldset className="modes">
          <legend>{t("order.mode")}</legend>
          {(["context", "custom"] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {t(m === "context" ? "order.modeContext" : "order.modeCustom")}
            </label>
          ))}
        </fieldset>
        {mode === "context" ? (
          <>
            <Field
              name="occasion"
              label={t("order.occasion")}
              hint={t("order.occasionHint")}
              errors={errors}
              count={counted("occasion")}
            >
              {(p) => <input {...p} {...typed("occasion")} type="text" maxLength={limits.occasion} />}
            </Field>
            <Field
              name="recipientName"
              label={t("order.recipientName")}
              errors={errors}
              count={counted("recipientName")}
            >
              {(p) => (
                <input
                  {...p}
                  {...typed("recipientName")}
                  type="text"
                  maxLength={limits.recipientName}
                  autoComplete="off"
                />
              )}
            </Field>
            <Field
              name="pronounceAs"
              label={t("order.pronounceAs")}
              hint={t("order.pronounceAsHint")}
              errors={errors}
              count={counted("pronounceAs")}
            >
              {(p) => (
                <input {...p} {...typed("pronounceAs")} type="text" maxLength={limits.pronounceAs} autoComplete="off" />
              )}
            </Field>
            <Field
              name="relationship"
              label={t("order.relationship")}
              hint={t("order.relationshipHint")}
              errors={errors}
              count={counted("relationship")}
            >
              {(p) => <input {...p} {...typed("relationship")} type="text" maxLength={limits.relationship} />}
            </Field>
            <Field
              name="details"
              label={t("order.details")}
              hint={t("order.detailsHint")}
              errors={errors}
              count={{
                value: detailLines,
                max: limits.details,
                label: t("firstSong.order.detailsCount", { count: detailLines, max: limits.details }),
              }}
            >
              {(p) => <textarea {...p} {...typed("details")} rows={4} />}
            </Field>
            <div className="field">
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="approveLyrics"
                  defaultChecked
                  aria-describedby="approve-hint"
                  data-testid="approve-lyrics"
                />{" "}
                {t("order.approveLyrics")}
              </label>
              <p id="approve-hint" className="hint">
                {t("order.approveLyricsHint")}
              </p>
            </div>
          </>
        ) : (
          <>
            <Field name="title" label={t("order.songTitle")} errors={errors} count={counted("title")}>
              {(p) => <input {...p} {...typed("title")} type="text" maxLength={limits.title} />}
            </Field>
            <Field
              name="recipientName"
              label={t("firstSong.order.recipient")}
              hint={t("firstSong.order.recipientHint")}
              errors={errors}
              error={recipientNotSung}
              count={counted("recipientName")}
            >
              {(p) => (
                <input
                  {...p}
                  {...typed("recipientName")}
                  type="text"
                  maxLength={limits.recipientName}
                  autoComplete="off"
                  data-testid="custom-recipient"
                />
              )}
            </Field>
            <Field
              name="pronounceAs"
              label={t("order.pronounceAs")}
              hint={t("order.pronounceAsHint")}
              errors={errors}
              error={pronounceNeedsName}
              count={counted("pronounceAs")}
            >
              {(p) => (
                <input {...p} {...typed("pronounceAs")} type="text" maxLength={limits.pronounceAs} autoComplete="off" />
              )}
            </Field>
            <Field
              name="lyrics"
              label={t("order.lyrics")}
              hint={t("order.lyricsHint")}
              errors={errors}
              error={tooManyLines}
              count={{
                value: [...(text.lyrics ?? "")].length,
                max: limits.lyrics,
                over: lyricLines > fits,
                label: t("firstSong.order.lyricsCount", {
                  lines: lyricLines,
                  fits,
                  count: [...(text.lyrics ?? "")].length,
                  max: limits.lyrics,
                }),
              }}
            >
              {(p) => <textarea {...p} {...typed("lyrics")} rows={10} maxLength={limits.lyrics} />}
            </Field>
          </>
        )}
        {offer && (
          <p role="status" className="notice" data-testid="language-offer">
            {t("firstSong.order.languageOffer", { page: other(locale), song: other(language) })}{" "}
            <button
              type="button"
              className="button secondary"
              onClick={() => (setLanguage(locale), setOffer(false))}
              data-testid="language-offer-accept"
            >
              {t("firstSong.order.languageSwitch", { language: other(locale) })}
            </button>
          </p>
        )}
        <div className="grid">
          <Field name="language" label={t("order.language")} errors={errors}>
            {(p) => (
              <select
                {...p}
                value={language}
                onChange={(e) => (setLanguage(e.target.value as (typeof languages)[number]), setOffer(false))}
              >
                <Options values={languages} label={(l) => t(`options.language.${l}`)} />
              </select>
            )}
          </Field>
          <Field name="styleTags" label={t("order.style")} errors={errors}>
            {(p) => (
              <select {...p} defaultValue="pop">
                <Options values={styles} label={(s) => t(`options.style.${s}`)} />
              </select>
            )}
          </Field>
          <Field name="mood" label={t("order.mood")} errors={errors}>
            {(p) => (
              <select {...p} defaultValue="joyful">
                <Options values={moods} label={(m) => t(`options.mood.${m}`)} />
              </select>
            )}
          </Field>
          <Field name="vocal" label={t("order.voice")} errors={errors}>
            {(p) => (
              <select {...p} defaultValue="female">
                <Options values={voices} label={(v) => t(`options.voice.${v}`)} />
              </select>
            )}
          </Field>
          <Field name="durationSeconds" label={t("order.length")} errors={errors}>
            {(p) => (
              <select
                {...p}
                value={duration}
                onChange={(e) => {
                  setDuration(Number(e.target.value));
                  // Lyrics refused as too long for the old length may fit the new one: the API says again.
                  setErrors((x) => corrected(corrected(x, "durationSeconds"), "lyrics"));
                }}
              >
                <Options values={lengths} label={seconds} />
              </select>
            )}
          </Field>
        </div>
        <p id="cost" className="cost" data-testid="cost">
          {credits
            ? t("order.cost", { cost: formatNumber(locale, cost), available: formatNumber(locale, credits.available) })
            : t("order.costUnknown", { cost: formatNumber(locale, cost) })}
        </p>
        {short && (
          <p className="error" role="status">
            {t("order.notEnough")}
          </p>
        )}
        {turnstile.widget}
        <button type="submit" className="button" disabled={busy || short || turnstile.token === null}>
          {busy ? t("order.sending") : t("order.confirm", { cost: formatNumber(locale, cost) })}
        </button>
      </form>
    </div>
  );
}
