import { data, type RouterContextProvider } from "react-router";
import { cloudflareContext } from "./context";
import type { ApiPublicTrack } from "./types";

/** A shared take, through the API's public endpoint (in-process: no network hop). */
export async function loadSharedTrack(request: Request, context: Readonly<RouterContextProvider>, trackId: string) {
  const { env, api } = context.get(cloudflareContext);
  const token = new URL(request.url).searchParams.get("t") ?? "";
  const response = await api(new Request(new URL(`/api/public/tracks/${encodeURIComponent(trackId)}?t=${encodeURIComponent(token)}`, request.url)));
  if (!response.ok) throw data("Not shared", { status: 404 });
  return { track: (await response.json()) as ApiPublicTrack, token, publicUrl: env.PUBLIC_URL };
}
