// The deployed Worker: the Hono API on /api/*, React Router for every page, one deploy.
import { createRequestHandler, RouterContextProvider } from "react-router";
import { createApp } from "../worker/app";
import { config } from "../worker/config";
import { workerHandlers } from "../worker/handlers";
import { cloudflareContext } from "./app/lib/context";

export { JobObject } from "../worker/jobs";
export { RateLimiter } from "../worker/security";

const pages = createRequestHandler(() => import("virtual:react-router/server-build"), "production");

const app = createApp({
  web: (request, env, ctx, nonce) => {
    const context = new RouterContextProvider();
    context.set(cloudflareContext, { config: config(env), ctx, nonce, api: async (r) => app.fetch(r, env, ctx) });
    return pages(request, context);
  },
});

export default workerHandlers(app);
