import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type LoaderFunctionArgs, type MetaFunction, useLoaderData } from "react-router";
import { EmbedPlayer } from "../lib/embed-player";
import { loadSharedTrack } from "../lib/public-track.server";
import { SungLyrics } from "../lib/sung-lyrics";

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
  loadSharedTrack(request, context, params.trackId ?? "");
export const headers = () => ({ "Cache-Control": "no-store" });
export const meta: MetaFunction<typeof loader> = ({ loaderData: data, location }) =>
  data
    ? [
        { title: `${data.track.title ?? "Refrain"} · Refrain` },
        // CMSs discover the player through oEmbed.
        {
          tagName: "link",
          rel: "alternate",
          type: "application/json+oembed",
          href: `${data.publicUrl}/api/oembed?url=${encodeURIComponent(data.publicUrl + location.pathname + location.search)}&format=json`,
        },
      ]
    : [];

export default function Share() {
  const { track, token } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [time, setTime] = useState(0);
  return (
    <main className="page narrow" id="main">
      <h1>{track.title ?? "Refrain"}</h1>
      <EmbedPlayer track={track} token={token} onTime={setTime} />
      {track.lyrics && (
        <SungLyrics
          lyrics={track.lyrics}
          timings={track.timings}
          time={time}
          lang={track.lyricsLanguage ?? "fr"}
          level={2}
          className="lyrics gift-lyrics"
        />
      )}
      <p>
        <a href="/">{t("embed.by")}</a>
      </p>
    </main>
  );
}
