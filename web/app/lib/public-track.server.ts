import createClient from "openapi-fetch";
import { data, type RouterContextProvider } from "react-router";
import type { paths } from "./api-schema";
import { cloudflareContext } from "./context";

/** A shared take, through the API's public endpoint (in-process: no network hop). */
export async function loadSharedTrack(request: Request, context: Readonly<RouterContextProvider>, trackId: string) {
  const { config, api } = context.get(cloudflareContext);
  const token = new URL(request.url).searchParams.get("t") ?? "";
  const client = createClient<paths>({ baseUrl: new URL(request.url).origin, fetch: api });
  const { data: track, response } = await client.GET("/api/public/tracks/{id}", {
    params: { path: { id: trackId }, query: { t: token } },
  });
  if (!track) throw data("Not shared", { status: response.status === 410 ? 410 : 404 });
  return { track, token, publicUrl: config.PUBLIC_URL };
}
