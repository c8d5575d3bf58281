import { useTranslation } from "react-i18next";
import { Link, type LoaderFunctionArgs, useLoaderData } from "react-router";
import en from "../../../public/samples/sample-en.json";
import fr from "../../../public/samples/sample-fr.json";
import { isVisitor, useAuth } from "../lib/auth";
import { cloudflareContext } from "../lib/context";
import { useLocale } from "../lib/hooks";
import { formatDuration, formatNumber, withLocale } from "../lib/i18n";
import { sungBlocks } from "../lib/sung-blocks";

// Plain HTML for a visitor: the landing page ships them no React (see root.tsx); only the samples' small
// script, which lights their lines in time (public/samples/player.js).
export const handle = { hydrate: false };

/** A visitor reads the price before being asked to sign up. */
export function loader({ context }: LoaderFunctionArgs) {
  const { config } = context.get(cloudflareContext);
  return { cost: config.CREDITS_PER_SONG, signupCredits: config.SIGNUP_CREDITS };
}

// Made by `npm run samples` with the built-in engine.
const samples = { fr, en } as const;

function Sample({ language }: { language: keyof typeof samples }) {
  const { t, i18n } = useTranslation();
  const sample = samples[language];
  const blocks = sungBlocks(sample.lyrics as Parameters<typeof sungBlocks>[0], sample.timings);
  return (
    <section
      className="sample"
      data-sample={language}
      aria-labelledby={`sample-${language}`}
      data-testid={`sample-${language}`}
    >
      <h3 id={`sample-${language}`}>{t(`firstSong.home.sample.${language}`)}</h3>
      {/* The player says 0:00 until it is played (nothing is fetched before): its length is said here. */}
      <p className="muted">
        <span lang={language}>{sample.title}</span> · {t("song.duration")} {formatDuration(sample.durationSeconds)}
      </p>
      <audio
        controls
        preload="none"
        src={sample.audio}
        aria-label={`${t("firstSong.home.play")} — ${sample.title}`}
        data-testid="sample-audio"
      />
      <div className="lyrics" lang={language}>
        {blocks.map((block, b) => (
          <section key={b}>
            <h4 className="section-kind" lang={i18n.language}>
              {t(`sections.${block.kind}`, { defaultValue: block.kind })}
            </h4>
            {block.lines.map((line, l) => (
              <p key={l} data-start={line.timing?.startSec} data-end={line.timing?.endSec}>
                {line.text}
              </p>
            ))}
          </section>
        ))}
      </div>
    </section>
  );
}

export default function Home() {
  const { t } = useTranslation();
  const locale = useLocale();
  const visitor = isVisitor(useAuth());
  const { cost, signupCredits } = useLoaderData<typeof loader>();
  return (
    <div className="page hero">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <ol className="steps">
        <li>{t("home.steps.one")}</li>
        <li>{t("home.steps.two")}</li>
        <li>{t("home.steps.three")}</li>
      </ol>
      <p className="actions">
        <Link className="button" to={withLocale(locale, visitor ? "/signup" : "/new")}>
          {t("home.cta")}
        </Link>
        {visitor && <Link to={withLocale(locale, "/signin")}>{t("home.ctaSignin")}</Link>}
      </p>
      <p className="muted" data-testid="home-price">
        {t("billing.lead", { cost: formatNumber(locale, cost) })}{" "}
        {visitor &&
          signupCredits > 0 &&
          `${t("billing.signupCredits", { credits: formatNumber(locale, signupCredits) })} `}
        <Link to={withLocale(locale, "/pricing")}>{t("billing.seePrices")}</Link>
      </p>
      <h2>{t("firstSong.home.samplesTitle")}</h2>
      <p>{t("firstSong.home.samplesLead")}</p>
      <div className="samples">
        <Sample language={locale} />
        <Sample language={locale === "fr" ? "en" : "fr"} />
      </div>
      <script src="/samples/player.js" defer />
    </div>
  );
}
