import type { TFunction } from "i18next";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type LoaderFunctionArgs, useLoaderData, useLocation, useNavigate, useParams } from "react-router";
import { failureClassOf } from "../../../domain/failures";
import { activeStatuses, terminalStatuses } from "../../../domain/values";
import { ApiFailure, api, challenge, createJob, type JobStatus, type Schema, unwrap } from "../lib/api";
import { cloudflareContext } from "../lib/context";
import { DraftEditor } from "../lib/draft";
import { errorMessageKey, Options } from "../lib/form";
import { GiftMaker } from "../lib/gift-maker";
import { Loading, Title, useLocale, useRequireAuth } from "../lib/hooks";
import { formatDate, formatDuration, formatMoment, formatNumber, formatSize, withLocale } from "../lib/i18n";
import { styles, voices } from "../lib/options";
import type { LineTiming } from "../lib/sung-blocks";
import { SungLyrics } from "../lib/sung-lyrics";
import { useTurnstile } from "../lib/turnstile";
import { Waveform } from "../lib/waveform";

export function loader({ context }: LoaderFunctionArgs) {
  const { config } = context.get(cloudflareContext);
  return { freeDrafts: config.LYRICS_FREE_DRAFTS, cost: config.CREDITS_PER_SONG };
}

/** The steps a song goes through, as the page shows them. */
const steps: readonly JobStatus[] = [...activeStatuses, "SUCCEEDED"];
const terminal: readonly JobStatus[] = terminalStatuses;
const eventTypes = [
  "lyrics_started",
  "lyrics_written",
  "lyrics_drafted",
  "lyrics_edited",
  "lyrics_approved",
  "redraft",
  "submitted",
  "progress",
  "music_ready",
  "takes_ready",
  "delivered",
  "failed",
  "failover",
  "cancel",
  "deadline",
  "created",
  "status",
];

/** Follows a job: SSE first (EventSource), polling when the stream cannot be held. */
function useJob(jobId: string, enabled: boolean) {
  const [job, setJob] = useState<Schema<"Job"> | null>(null);
  const [seen, setSeen] = useState<{ status: JobStatus; at: string }[]>([]);
  const [transport, setTransport] = useState<"sse" | "poll">("sse");
  const reload = useCallback(
    () => unwrap(api.GET("/api/jobs/{id}", { params: { path: { id: jobId } } })).then((j) => (setJob(j), j)),
    [jobId],
  );

  useEffect(() => {
    if (!enabled) return;
    let closed = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const note = (status: JobStatus, at: string) =>
      setSeen((list) => (list.some((s) => s.status === status) ? list : [...list, { status, at }]));
    const poll = async () => {
      if (closed) return;
      const j = await reload().catch(() => null);
      if (j) note(j.status, j.updatedAt);
      if (!j || !terminal.includes(j.status)) timer = setTimeout(poll, 2000);
    };
    const fallBack = () => (setTransport("poll"), void poll());
    let lastEventId = "";
    let failures = 0;
    let finished = false;
    // A stream ticket opens the stream for a minute only, so every connection asks for a fresh one and
    // resumes after the last event seen; EventSource's own retries would reuse an expired ticket.
    const follow = async () => {
      const ticket = await unwrap(api.POST("/api/jobs/{id}/stream-ticket", { params: { path: { id: jobId } } })).catch(
        () => null,
      );
      if (closed) return;
      if (!ticket) return fallBack();
      const query = new URLSearchParams({ ticket: ticket.ticket, ...(lastEventId ? { lastEventId } : {}) });
      const current = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events?${query}`);
      source = current;
      const onEvent = (message: MessageEvent<string>) => {
        failures = 0;
        lastEventId = message.lastEventId || lastEventId;
        const event = JSON.parse(message.data) as Schema<"JobEvent">;
        note(event.status, event.at ?? new Date().toISOString());
        // The event says what changed; the job says everything (lyrics, takes, refund).
        if (!finished) void reload();
        if (terminal.includes(event.status)) current.close();
      };
      current.onmessage = onEvent;
      for (const type of eventTypes) current.addEventListener(type, onEvent as EventListener);
      current.onerror = () => {
        current.close();
        if (closed) return;
        if (++failures > 3) return fallBack();
        timer = setTimeout(() => void follow(), 1000 * failures);
      };
    };
    reload().then(
      (j) => {
        if (closed) return;
        // A finished job's stream replays its whole story, then ends: coming back to a song shows what
        // happened to it, not only how it ended.
        finished = terminal.includes(j.status);
        if (typeof EventSource === "undefined") return finished ? undefined : fallBack();
        void follow();
      },
      () => setTransport("poll"),
    );
    return () => {
      closed = true;
      source?.close();
      clearTimeout(timer);
    };
  }, [enabled, jobId, reload]);

  useEffect(() => {
    if (job)
      for (const s of steps.slice(0, steps.indexOf(job.status) + 1))
        if (!seen.some((x) => x.status === s) && job.status === s)
          setSeen((l) => [...l, { status: s, at: job.updatedAt }]);
  }, [job, seen]);

  return { job, seen, transport, reload, setJob };
}

/** Events in the order they happened; one step's event and the job's own status may share a timestamp. */
const inOrder = (a: { status: JobStatus; at: string }, b: { status: JobStatus; at: string }) => {
  const rank = (s: JobStatus) => (steps.includes(s) ? steps.indexOf(s) : steps.length);
  return a.at.localeCompare(b.at) || rank(a.status) - rank(b.status);
};

/** While an order is being made, the person may stop it; its credits come back in the same step. */
function CancelOrder({ job, onChange }: { job: Schema<"Job">; onChange: (job: Schema<"Job">) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function cancel() {
    setBusy(true);
    setError("");
    try {
      onChange(await unwrap(api.POST("/api/jobs/{id}/cancel", { params: { path: { id: job.id } } })));
    } catch (e) {
      // Finished meanwhile: the stream brings the end; the person is told why nothing was canceled.
      setError(t(e instanceof ApiFailure && e.code === "conflict" ? "progress.cancelTooLate" : errorMessageKey(e)));
      setAsking(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="cancel-order" data-testid="cancel-order">
      {asking ? (
        <>
          <p>
            {job.credits > 0
              ? t("progress.cancelAsk", { count: job.credits, formatted: formatNumber(locale, job.credits) })
              : t("progress.cancelAskFree")}
          </p>
          <p className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => void cancel()}>
              {t("progress.cancelYes")}
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => setAsking(false)}>
              {t("progress.cancelNo")}
            </button>
          </p>
        </>
      ) : (
        <p>
          <button type="button" className="button secondary" onClick={() => setAsking(true)}>
            {t("progress.cancel")}
          </button>
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

function Progress({
  job,
  seen,
  transport,
  onChange,
  children,
}: {
  job: Schema<"Job">;
  seen: { status: JobStatus; at: string }[];
  transport: "sse" | "poll";
  onChange: (job: Schema<"Job">) => void;
  /** What the order's page is for once it is ready (the player): above its story, not under it. */
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const reached = Math.max(steps.indexOf(job.status), ...seen.map((s) => steps.indexOf(s.status)));
  const failed = ["FAILED", "CANCELED", "TIMED_OUT"].includes(job.status);
  const stepper = (
    <ol className="stepper" aria-live="polite">
      {steps.map((step, i) => {
        // The step an order stopped at was begun, not still to come.
        const state =
          i < reached || job.status === "SUCCEEDED"
            ? "done"
            : i === reached
              ? failed
                ? "stopped"
                : "active"
              : "pending";
        return (
          <li key={step} data-step={step} data-state={state} className={state}>
            <span>{t(`progress.steps.${step}`)}</span>{" "}
            <span className="muted">({t(`progress.stepState.${state}`)})</span>
          </li>
        );
      })}
    </ol>
  );
  const timeline = (
    <ul className="timeline" data-testid="timeline">
      {[...seen].sort(inOrder).map((s) => (
        <li key={s.status} data-status={s.status}>
          <time dateTime={s.at}>{formatMoment(locale, s.at)}</time> — {t(`status.${s.status}`)}
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="progress-title" className="progress">
      <h2 id="progress-title">
        {t(
          job.status === "SUCCEEDED"
            ? "progress.titleDone"
            : job.status === "LYRICS_READY"
              ? "progress.titleDraft"
              : failed
                ? "progress.titleStopped"
                : "progress.title",
        )}
      </h2>
      {!terminal.includes(job.status) && (
        <p className="muted" data-testid="transport">
          {t(transport === "sse" ? "progress.live" : "progress.polling")}
        </p>
      )}
      {children}
      {failed && (
        // What became of the order, and of its credits, is what the page is opened for now.
        <div role="alert" className="alert" data-testid="failure">
          <p data-testid="failure-reason">
            {job.error
              ? t(`failures.${job.error.code}`)
              : t(job.status === "CANCELED" ? "progress.canceled" : "progress.timedOut")}
          </p>
          {job.status === "FAILED" && job.error && failureClassOf[job.error.code] === "unavailable" && (
            <p>{t("failures.retryLater")}</p>
          )}
          {job.credits > 0 && (
            <p>{t("progress.refunded", { count: job.credits, formatted: formatNumber(locale, job.credits) })}</p>
          )}
        </div>
      )}
      {job.status === "FAILED" && job.error && failureClassOf[job.error.code] === "rejected" && (
        <OrderAgain job={job} />
      )}
      {job.status === "SUCCEEDED" || job.status === "LYRICS_READY" || failed ? (
        // The page is opened to listen, to read the lyrics or to learn why the order stopped: how the order
        // got there stays one tap away.
        <details className="history" data-testid="history">
          <summary>{t("progress.timeline")}</summary>
          {stepper}
          {timeline}
        </details>
      ) : (
        <>
          {stepper}
          <h3>{t("progress.timeline")}</h3>
          {timeline}
        </>
      )}
      {!terminal.includes(job.status) && <CancelOrder job={job} onChange={onChange} />}
    </section>
  );
}

/** The lyrics as the order form takes them, each section tagged in the page's language ("[Couplet]", "[Verse]"). */
const lyricsText = (lyrics: Schema<"Lyrics"> | null, t: TFunction) =>
  (lyrics?.sections ?? []).map((s) => `[${t(`sections.${s.kind}`)}]\n${s.lines.join("\n")}`).join("\n\n");

/** A refused text: the person changes the words where they read them and orders again in one step. */
function OrderAgain({ job }: { job: Schema<"Job"> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const turnstile = useTurnstile();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const request = job.request as {
    language?: "fr" | "en";
    styleTags?: string[];
    mood?: string;
    vocal?: (typeof voices)[number];
    durationSeconds?: number;
  };

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("lyrics") ?? "");
    setBusy(true);
    setError("");
    try {
      const next = await createJob(
        {
          mode: "custom",
          title: job.title ?? job.lyrics?.title ?? t("song.untitled"),
          lyrics: text,
          language: request.language ?? (locale === "fr" ? "fr" : "en"),
          styleTags: request.styleTags ?? ["pop"],
          ...(request.mood ? { mood: request.mood } : {}),
          vocal: request.vocal ?? "female",
          durationSeconds: request.durationSeconds ?? 120,
        } as Schema<"CreateJob">,
        turnstile.token,
      );
      navigate(withLocale(locale, `/songs/${next.id}`));
    } catch (e) {
      setError(t(errorMessageKey(e)));
      turnstile.reset();
      setBusy(false);
    }
  }

  return (
    <form className="order-again" onSubmit={submit} data-testid="order-again">
      <p>{t("failures.changeText")}</p>
      <div className="field">
        <label htmlFor="order-again-lyrics">{t("failures.lyricsLabel")}</label>
        <textarea id="order-again-lyrics" name="lyrics" rows={12} defaultValue={lyricsText(job.lyrics, t)} />
      </div>
      {error && <p role="alert">{error}</p>}
      <button type="submit" className="button" disabled={busy || turnstile.token === null}>
        {t("failures.orderAgain")}
      </button>
    </form>
  );
}

/**
 * Whether this song's free other take is still to be had: only a song paid for has one, and a revision of it
 * made at 0 credits means it was used.
 */
function useFreeTakeLeft(job: Schema<"Job">): boolean | null {
  const [left, setLeft] = useState<boolean | null>(null);
  const paid = job.credits > 0;
  useEffect(() => {
    if (!paid) return setLeft(false);
    unwrap(api.GET("/api/jobs", { params: { query: { limit: 50 } } })).then(
      ({ jobs }) => setLeft(!jobs.some((j) => j.parentJobId === job.id && j.credits === 0)),
      () => setLeft(null),
    );
  }, [job.id, paid]);
  return left;
}

/** The one way to another take of a finished song: the same lyrics, a new seed, optionally another style or voice; its cost said first. */
function AnotherTake({ job, cost }: { job: Schema<"Job">; cost: number }) {
  const { t } = useTranslation();
  // Another take is an order: its check sits in its form, beside the button it unlocks.
  const turnstile = useTurnstile();
  const locale = useLocale();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const free = useFreeTakeLeft(job);
  const n = formatNumber(locale, cost);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const style = String(f.get("variationStyle") ?? "");
    const vocal = String(f.get("variationVoice") ?? "");
    setBusy(true);
    setError("");
    try {
      const next = await unwrap(
        api.POST("/api/jobs/{id}/revision", {
          params: {
            path: { id: job.id },
            header: { "idempotency-key": crypto.randomUUID(), ...challenge(turnstile.token) },
          },
          body: {
            ...(style ? { styleTags: [style] } : {}),
            ...(vocal ? { vocal: vocal as (typeof voices)[number] } : {}),
          },
        }),
      );
      navigate(withLocale(locale, `/songs/${next.id}`), { state: { variationCredits: next.credits } });
    } catch (e) {
      setError(t(errorMessageKey(e)));
      turnstile.reset();
      setBusy(false);
    }
  }

  return (
    <form className="variation" onSubmit={submit} aria-labelledby="variation-title" data-testid="variation">
      <h3 id="variation-title">{t("firstSong.song.anotherTake")}</h3>
      <p className="muted" id="variation-hint">
        {t("firstSong.song.anotherTakeHint")}{" "}
        <strong data-testid="another-take-cost">
          {free === false ? t("firstSong.song.costCharged", { count: cost, n }) : t("firstSong.song.costFree")}
        </strong>
      </p>
      <div className="grid">
        <div className="field">
          <label htmlFor="variation-style">{t("order.style")}</label>
          <select id="variation-style" name="variationStyle" defaultValue="">
            <option value="">{t("song.variationSame")}</option>
            <Options values={styles} label={(x) => t(`options.style.${x}`)} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="variation-voice">{t("order.voice")}</label>
          <select id="variation-voice" name="variationVoice" defaultValue="">
            <option value="">{t("song.variationSame")}</option>
            <Options values={voices} label={(x) => t(`options.voice.${x}`)} />
          </select>
        </div>
      </div>
      {turnstile.widget}
      <button
        type="submit"
        className="button secondary"
        disabled={busy || free === null || turnstile.token === null}
        aria-describedby="variation-hint"
        data-testid="make-variation"
      >
        {busy
          ? t("order.sending")
          : free
            ? t("firstSong.song.makeFree")
            : t("firstSong.song.makeCharged", { count: cost, n })}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

/** The take being played, and where it is: what the lyrics beside it light up. */
interface Playing {
  time: number;
  timings: LineTiming[] | null;
}

function Player({ job, cost, onPlaying }: { job: Schema<"Job">; cost: number; onPlaying: (playing: Playing) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [trackId, setTrackId] = useState(job.chosenTrackId ?? job.takes[0]?.trackId ?? "");
  const [timings, setTimings] = useState<LineTiming[] | null>(null);
  const [links, setLinks] = useState<Schema<"TrackLinks"> | null>(null);
  const [share, setShare] = useState<Schema<"TrackShare"> | null>(null);
  const [notice, setNotice] = useState("");
  const audio = useRef<HTMLAudioElement>(null);
  const title = job.title ?? job.lyrics?.title ?? t("song.untitled");
  const take = job.takes.find((x) => x.trackId === trackId);

  useEffect(() => {
    if (!trackId) return;
    let timer: ReturnType<typeof setTimeout>;
    const load = () =>
      unwrap(api.GET("/api/tracks/{id}/links", { params: { path: { id: trackId } } })).then((l) => {
        setLinks(l);
        // Fresh links a minute before these expire.
        timer = setTimeout(load, Math.max(10_000, Date.parse(l.expiresAt) - Date.now() - 60_000));
      });
    void load();
    setTimings(null);
    unwrap(api.GET("/api/tracks/{id}", { params: { path: { id: trackId } } })).then(
      (track) => setTimings(track.timings),
      () => undefined,
    );
    return () => clearTimeout(timer);
  }, [trackId]);

  useEffect(() => onPlaying({ time: audio.current?.currentTime ?? 0, timings }), [timings, onPlaying]);

  async function copy(kind: "share" | "embed") {
    const s = share ?? (await unwrap(api.POST("/api/tracks/{id}/share", { params: { path: { id: trackId } } })));
    setShare(s);
    const text = kind === "share" ? s.shareUrl : s.embedHtml;
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    setNotice("song.copied");
  }

  return (
    <section aria-label={t("song.player", { title })} className="player">
      <p className="muted" data-testid="song-details">
        {t("firstSong.song.details", { date: formatDate(locale, job.createdAt) })}
        {take?.durationSeconds ? ` · ${t("song.duration")} ${formatDuration(take.durationSeconds)}` : ""}
        {take ? ` · ${formatSize(locale, take.sizeBytes)}` : ""}
      </p>
      {job.takes.length > 1 && (
        <fieldset className="takes">
          <legend>{t("song.takes")}</legend>
          {job.takes.map((x) => (
            <label key={x.trackId} className="radio">
              <input
                type="radio"
                name="take"
                checked={trackId === x.trackId}
                onChange={() => {
                  setTrackId(x.trackId);
                  void unwrap(
                    api.POST("/api/jobs/{id}/choose", {
                      params: { path: { id: job.id } },
                      body: { trackId: x.trackId },
                    }),
                  ).catch(() => undefined);
                }}
              />
              {t("song.take", { n: x.takeIndex + 1 })}
            </label>
          ))}
        </fieldset>
      )}
      {links && (
        <>
          <audio
            ref={audio}
            controls
            preload="metadata"
            src={links.streamUrl}
            aria-label={t("song.player", { title })}
            onTimeUpdate={(e) => onPlaying({ time: e.currentTarget.currentTime, timings })}
            data-testid="audio"
          />
          <Waveform src={links.streamUrl} audio={audio} label={t("song.waveform")} />
          <p className="actions">
            <a className="button" href={links.downloadUrl} download data-testid="download-mp3">
              {t("song.downloadMp3")}
            </a>
            {links.wavDownloadUrl && (
              <a className="button secondary" href={links.wavDownloadUrl} download>
                {t("song.downloadWav")}
              </a>
            )}
          </p>
        </>
      )}
      <p className="actions">
        <button type="button" className="button secondary" onClick={() => void copy("share")} data-testid="share">
          {t("song.share")}
        </button>
        <button type="button" className="button secondary" onClick={() => void copy("embed")} data-testid="embed">
          {t("song.embed")}
        </button>
      </p>
      <p role="status" className="muted">
        {notice ? t(notice) : ""}
      </p>
      {share && (
        <div className="share">
          <label htmlFor="share-url">{t("song.shareLabel")}</label>
          <input id="share-url" readOnly value={share.shareUrl} data-testid="share-url" />
          <label htmlFor="embed-code">{t("song.embedLabel")}</label>
          <textarea id="embed-code" readOnly rows={3} value={share.embedHtml} data-testid="embed-code" />
        </div>
      )}
      <GiftMaker job={job} trackId={trackId} />
      <AnotherTake job={job} cost={cost} />
    </section>
  );
}

/** One song's page: another song (a new take it leads to) starts afresh, with none of this one's state or history. */
export default function Song() {
  const { jobId = "" } = useParams();
  return <SongPage key={jobId} jobId={jobId} />;
}

function SongPage({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const auth = useRequireAuth();
  const { freeDrafts, cost } = useLoaderData<typeof loader>();
  const locale = useLocale();
  const state = useLocation().state as { variationCredits?: number } | null;
  const { job, seen, transport, setJob } = useJob(jobId, auth.status === "in");
  const [playing, setPlaying] = useState<Playing>({ time: 0, timings: null });
  if (!job) return <Loading />;
  // What the revision cost, as its response said (the job's own credits after a reload).
  const variationCredits = state?.variationCredits ?? job.credits;
  const language = String(job.request.language ?? "fr");
  const drafting = job.status === "LYRICS_READY" && Boolean(job.lyrics);
  return (
    <div className="page song">
      <Title>{job.title ?? job.lyrics?.title ?? t("song.untitled")}</Title>
      <h1>{job.title ?? job.lyrics?.title ?? t("song.untitled")}</h1>
      <div className="columns">
        <div>
          {job.parentJobId && (
            <p role="status" className="notice" data-testid="variation-cost">
              {variationCredits === 0
                ? t("song.variationFree")
                : t("song.variationCharged", { count: variationCredits, n: formatNumber(locale, variationCredits) })}
            </p>
          )}
          <Progress job={job} seen={seen} transport={transport} onChange={setJob}>
            {job.status === "SUCCEEDED" && <Player job={job} cost={cost} onPlaying={setPlaying} />}
          </Progress>
        </div>
        {/* A draft to read is headed by what to do with it; a plain "Lyrics" above it would say it twice. */}
        <aside aria-labelledby={drafting ? "draft-title" : "lyrics-title"}>
          {!drafting && <h2 id="lyrics-title">{t("progress.lyricsTitle")}</h2>}
          {drafting && job.lyrics ? (
            <DraftEditor
              key={`${job.id}-${job.drafts}`}
              job={{ ...job, lyrics: job.lyrics }}
              language={language}
              freeDrafts={freeDrafts}
              onChange={setJob}
            />
          ) : job.lyrics ? (
            <SungLyrics lyrics={job.lyrics} timings={playing.timings} time={playing.time} lang={language} level={3} />
          ) : (
            <p className="muted">{t("progress.lyricsPending")}</p>
          )}
        </aside>
      </div>
    </div>
  );
}
