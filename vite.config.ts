import { fileURLToPath } from "node:url";
import { cloudflare } from "@cloudflare/vite-plugin";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

// One Worker: wrangler.toml's bindings, with web/worker.ts as its entry (the API plus the pages).
// wrangler.toml's own `main` stays the API-only entry that the worker tests load. scripts/deploy.mjs points
// REFRAIN_WRANGLER_CONFIG at one environment's config (staging, production).
const configPath = process.env.REFRAIN_WRANGLER_CONFIG;
export default defineConfig({
  plugins: [
    cloudflare({
      viteEnvironment: { name: "ssr" },
      ...(configPath ? { configPath } : {}),
      config: { main: fileURLToPath(new URL("./web/worker.ts", import.meta.url)) },
    }),
    reactRouter(),
  ],
});
