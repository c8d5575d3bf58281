import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  // The folder wrangler's `d1 migrations apply` reads (wrangler.toml `migrations_dir`).
  out: "./db/migrations",
});
