import { cloudflare } from "@cloudflare/vite-plugin";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

// One Worker: wrangler.toml's bindings, with web/worker.ts as its entry (the API plus the pages).
// wrangler.toml's own `main` stays the API-only entry that the worker tests load.
export default defineConfig({
  plugins: [cloudflare({ viteEnvironment: { name: "ssr" }, config: { main: "./web/worker.ts" } }), reactRouter()],
});
