import { type LoaderFunctionArgs, type MetaFunction, useLoaderData } from "react-router";
import { EmbedPlayer } from "../lib/embed-player";
import { loadSharedTrack } from "../lib/public-track.server";

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
  loadSharedTrack(request, context, params.trackId ?? "");
export const headers = () => ({ "Cache-Control": "no-store" });
export const handle = { framed: true };
export const meta: MetaFunction<typeof loader> = ({ loaderData: data }) => [
  { title: data?.track.title ?? "Refrain" },
  { name: "robots", content: "noindex" },
];

export default function Embed() {
  const { track, token } = useLoaderData<typeof loader>();
  return (
    <main className="embed">
      <EmbedPlayer track={track} token={token} alone />
    </main>
  );
}
