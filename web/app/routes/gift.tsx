import createClient from "openapi-fetch";
import { useMemo } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { data, type LoaderFunctionArgs, type MetaFunction, useLoaderData } from "react-router";
import type { paths } from "../lib/api-schema";
import { cloudflareContext } from "../lib/context";
import { GiftPlayer } from "../lib/gift-player";
import { makeI18n, withLocale } from "../lib/i18n";
import { detectLocale, messages } from "../lib/locale.server";

/** The page speaks the sender's chosen language; once revoked, the visitor's own. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { config, api } = context.get(cloudflareContext);
  const token = params.token ?? "";
  const client = createClient<paths>({ baseUrl: new URL(request.url).origin, fetch: api });
  const { data: gift, response } = await client.GET("/api/public/gifts/{token}", { params: { path: { token } } });
  if (response.status === 410) {
    const locale = detectLocale(request);
    return data(
      { state: "gone" as const, pageLocale: locale, messages: messages[locale] as Record<string, unknown> },
      { status: 410, headers: { "Cache-Control": "no-store" } },
    );
  }
  if (!gift) throw data("Not found", { status: 404 });
  const publicUrl = config.PUBLIC_URL.replace(/\/$/, "");
  return data(
    {
      state: "ok" as const,
      gift,
      token,
      pageUrl: `${publicUrl}/g/${encodeURIComponent(token)}`,
      pageLocale: gift.locale,
      messages: messages[gift.locale] as Record<string, unknown>,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const headers = ({ loaderHeaders }: { loaderHeaders: Headers }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ loaderData }) => {
  if (!loaderData || loaderData.state === "gone") return [{ title: "Refrain" }, { name: "robots", content: "noindex" }];
  const { gift, pageUrl, messages: m } = loaderData;
  const i18n = makeI18n(gift.locale, m);
  // A song for no one in particular goes by its title, never as "a song for" its title.
  const title = gift.recipientName ? i18n.t("gift.headline", { name: gift.recipientName }) : (gift.title ?? "Refrain");
  const description =
    gift.message ||
    (gift.recipientName
      ? i18n.t("gift.description", { name: gift.recipientName })
      : i18n.t("firstSong.gift.descriptionUntitled"));
  return [
    { title: `${title} · Refrain` },
    // A private page: unfurled where it is sent, never indexed.
    { name: "robots", content: "noindex" },
    { name: "description", content: description },
    { property: "og:type", content: "music.song" },
    { property: "og:site_name", content: "Refrain" },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:url", content: pageUrl },
    { property: "og:locale", content: gift.locale === "fr" ? "fr_FR" : "en_US" },
    { property: "og:image", content: gift.coverUrl },
    { property: "og:image:type", content: "image/png" },
    { property: "og:image:width", content: "1200" },
    { property: "og:image:height", content: "630" },
    { property: "og:image:alt", content: title },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: title },
    { name: "twitter:description", content: description },
    { name: "twitter:image", content: gift.coverUrl },
  ];
};

function GiftPage() {
  const loaderData = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (loaderData.state === "gone")
    return (
      <main className="page narrow gift" id="main" data-testid="gift-gone">
        <h1>{t("gift.goneTitle")}</h1>
        <p>{t("gift.gone")}</p>
        <p>
          <a href={withLocale(loaderData.pageLocale, "/")}>{t("gift.makeYours")}</a>
        </p>
      </main>
    );
  const { gift, token } = loaderData;
  return (
    <main className="page narrow gift" id="main">
      <header className="gift-cover">
        {gift.recipientName ? (
          <>
            <p className="eyebrow">{t("gift.for")}</p>
            <h1 data-testid="gift-name">{gift.recipientName}</h1>
            {gift.title && <p className="muted">{gift.title}</p>}
          </>
        ) : (
          <h1 data-testid="gift-title">{gift.title ?? "Refrain"}</h1>
        )}
      </header>
      {gift.message && (
        <figure className="gift-message" data-testid="gift-message">
          <blockquote>
            <p>{gift.message}</p>
          </blockquote>
          {gift.senderName && <figcaption>— {gift.senderName}</figcaption>}
        </figure>
      )}
      <GiftPlayer gift={gift} token={token} />
      <p className="muted">
        <a href={withLocale(gift.locale, "/")}>{t("gift.makeYours")}</a>
      </p>
    </main>
  );
}

export default function Gift() {
  const { pageLocale, messages: m } = useLoaderData<typeof loader>();
  const i18n = useMemo(() => makeI18n(pageLocale, m), [pageLocale, m]);
  return (
    <I18nextProvider i18n={i18n}>
      <GiftPage />
    </I18nextProvider>
  );
}
