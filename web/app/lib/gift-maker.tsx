import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure, api, type Schema, unwrap } from "./api";
import { Options } from "./form";
import { useLocale } from "./hooks";
import { formatNumber, locales } from "./i18n";

type Gift = Schema<"Gift">;

/** The owner's side of gifts: make one from the take being played, see each one's plays, revoke. */
export function GiftMaker({ job, trackId }: { job: Schema<"Job">; trackId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [gifts, setGifts] = useState<Gift[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);
  const [notice, setNotice] = useState("");

  useEffect(() => {
    void unwrap(api.GET("/api/gifts", { params: { query: { jobId: job.id } } })).then(
      (r) => setGifts(r.gifts),
      () => undefined,
    );
  }, [job.id]);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const senderName = String(f.get("giftSender") ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      const gift = await unwrap(
        api.POST("/api/gifts", {
          body: {
            trackId,
            message: String(f.get("giftMessage") ?? ""),
            allowDownload: f.get("giftDownload") === "on",
            locale: f.get("giftLocale") === "en" ? "en" : "fr",
            ...(senderName ? { senderName } : {}),
          },
        }),
      );
      setGifts((list) => [gift, ...list]);
      setNotice("gift.made");
    } catch (e) {
      setError(
        e instanceof ApiFailure
          ? { message: t(e.code === "network" ? "errors.network" : "errors.generic"), fields: e.fields }
          : { message: t("errors.generic"), fields: {} },
      );
    } finally {
      setBusy(false);
    }
  }

  async function revoke(gift: Gift) {
    await unwrap(api.DELETE("/api/gifts/{id}", { params: { path: { id: gift.id } } }));
    setGifts((list) => list.map((g) => (g.id === gift.id ? { ...g, revokedAt: new Date().toISOString() } : g)));
    setNotice("gift.revokedNotice");
  }

  async function copy(url: string) {
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    setNotice("song.copied");
  }

  const fieldError = (name: string) =>
    error?.fields[name]?.length ? (
      <p className="error" id={`gift-${name}-error`}>
        {t("gift.fieldInvalid")}
      </p>
    ) : null;
  return (
    <section className="gift-maker" aria-labelledby="gift-maker-title" data-testid="gift-maker">
      <h3 id="gift-maker-title">{t("gift.makerTitle")}</h3>
      <p className="muted">{t("gift.makerHint")}</p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="gift-message">{t("gift.message")}</label>
          <textarea
            id="gift-message"
            name="giftMessage"
            rows={3}
            maxLength={600}
            aria-invalid={Boolean(error?.fields.message)}
            aria-describedby={error?.fields.message ? "gift-message-error" : undefined}
            data-testid="gift-message-input"
          />
          {fieldError("message")}
        </div>
        <div className="grid">
          <div className="field">
            <label htmlFor="gift-sender">{t("gift.sender")}</label>
            <input id="gift-sender" name="giftSender" maxLength={60} autoComplete="given-name" />
          </div>
          <div className="field">
            <label htmlFor="gift-locale">{t("gift.language")}</label>
            <select id="gift-locale" name="giftLocale" defaultValue={String(job.request.language ?? locale)}>
              <Options values={locales} label={(l) => t(`options.language.${l}`)} />
            </select>
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="giftDownload" data-testid="gift-allow-download" /> {t("gift.allowDownload")}
        </label>
        <button type="submit" className="button" disabled={busy || !trackId} data-testid="make-gift">
          {busy
            ? t("order.sending")
            : t("gift.submit", { n: (job.takes.find((x) => x.trackId === trackId)?.takeIndex ?? 0) + 1 })}
        </button>
        {error && (
          <p role="alert" className="error">
            {error.message}
          </p>
        )}
      </form>
      <p role="status" className="muted">
        {notice ? t(notice) : ""}
      </p>
      {gifts.length > 0 && (
        <ul className="gifts" data-testid="gifts">
          {gifts.map((g) => (
            <li key={g.id} data-testid="gift" data-revoked={g.revokedAt ? "true" : "false"}>
              <label htmlFor={`gift-url-${g.id}`}>
                {g.recipientName ? t("gift.link", { name: g.recipientName }) : t("firstSong.gift.linkUntitled")}
              </label>
              <input id={`gift-url-${g.id}`} readOnly value={g.url} data-testid="gift-url" />
              <p className="muted" data-testid="gift-plays">
                {g.revokedAt
                  ? t("gift.revoked")
                  : t("gift.plays", { count: g.plays, n: formatNumber(locale, g.plays) })}
              </p>
              {!g.revokedAt && (
                <p className="actions">
                  <button type="button" className="button secondary" onClick={() => void copy(g.url)}>
                    {t("gift.copy")}
                  </button>
                  <a className="button secondary" href={g.url} target="_blank" rel="noopener">
                    {t("gift.open")}
                  </a>
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => void revoke(g)}
                    data-testid="revoke-gift"
                  >
                    {t("gift.revoke")}
                  </button>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
