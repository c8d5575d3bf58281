import { fileURLToPath } from "node:url";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { cloudflareTestWithOwnSimulators } from "./test/simulators/per-file";

/**
 * The worker tests run with test/fixtures/engines.ts as the engine list: the shipped engines plus the fake one
 * that shows how an engine is added. Only the registry's own import of the list is redirected.
 */
const testEngineList: Plugin = {
  name: "refrain-test-engine-list",
  enforce: "pre",
  resolveId(source, importer) {
    if (
      source === "./engines" &&
      importer?.split("?")[0]?.replace(/\\/g, "/").endsWith("/providers/engine-registry.ts")
    )
      return fileURLToPath(new URL("./test/fixtures/engines.ts", import.meta.url));
    return null;
  },
};

/** The Worker inside workerd, each test file with simulators of its own. */
const workerPlugins = () => [
  testEngineList,
  cloudflareTestWithOwnSimulators(async ({ inject }) => ({
    wrangler: { configPath: "./wrangler.toml" },
    miniflare: {
      // Emails are kept by a mailbox (test/fixtures/mailbox.js) that tests read, instead of being written to files.
      workers: [
        {
          name: "mailbox",
          modules: true,
          scriptPath: fileURLToPath(new URL("./test/fixtures/mailbox.js", import.meta.url)),
        },
      ],
      email: { send_email: [] },
      serviceBindings: { EMAIL: { name: "mailbox", entrypoint: "Mailbox" } },
      bindings: {
        TEST_MIGRATIONS: await readD1Migrations("./db/migrations"),
        AUTH_JWT_SECRET: "test-auth-secret-that-is-long-enough-0123456789",
        MEDIA_SIGNING_SECRET: "test-media-secret-that-is-long-enough-0123456789",
        SUPABASE_JWT_SECRET: "test-supabase-secret-that-is-long-enough-0123456789",
        SUPABASE_ISSUER: "https://test-project.supabase.co/auth/v1",
        // Every engine pointed at its simulator (test/simulators/engines.ts).
        ...inject("engineVars"),
        LLM_API_KEY: "",
        MUSIC_PROVIDER: "suno",
        LYRICS_PROVIDER: "suno",
        PUBLIC_URL: "http://refrain.test",
        ADMIN_EMAILS: "ops@refrain.test",
        POLL_INITIAL_SECONDS: "1",
        POLL_MAX_SECONDS: "2",
        // Suites sign up and order far faster than people do, all from one address: test/security.test.ts
        // tries the real limits and Turnstile with an env of its own.
        RATE_LIMIT_SIGNIN: "100000/60",
        RATE_LIMIT_SIGNUP: "100000/60",
        RATE_LIMIT_PASSWORD_RESET: "100000/60",
        RATE_LIMIT_JOBS: "100000/60",
        RATE_LIMIT_JOBS_IP: "100000/60",
        TURNSTILE_SECRET_KEY: "",
        TURNSTILE_VERIFY_URL: inject("turnstileUrl"),
        ALERT_WEBHOOK_URL: `${inject("receiverUrl")}/hooks/alerts`,
        // Billing against the Stripe simulator (test/simulators/stripe.ts holds the same key and secret).
        STRIPE_SECRET_KEY: "sk_test_refrain_simulator",
        STRIPE_WEBHOOK_SECRET: "whsec_refrain_simulator_signing_secret",
        STRIPE_API_BASE: inject("stripeUrl"),
      },
    },
  })),
];

export default defineConfig({
  test: {
    // One file at a time, except the Worker's files (below).
    fileParallelism: false,
    silent: "passed-only",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        // The Worker, its providers and the platform flows, inside workerd.
        plugins: workerPlugins(),
        test: {
          name: "worker",
          // Two files at a time (the CI machine has two cores; most of a Worker test's time is spent waiting
          // on the job's alarms and queues). Each file has simulators of its own, so they cannot clash.
          fileParallelism: true,
          maxWorkers: 2,
          globalSetup: ["./test/global-setup.ts"],
          setupFiles: ["./test/apply-migrations.ts"],
          include: ["{worker,providers,db,domain}/**/*.test.ts", "test/*.test.ts"],
          exclude: ["test/delivery-memory.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Peak memory is read from outside workerd, over every workerd process: no other test file may run beside it.
        plugins: workerPlugins(),
        test: {
          name: "worker-alone",
          globalSetup: ["./test/global-setup.ts"],
          setupFiles: ["./test/apply-migrations.ts"],
          include: ["test/delivery-memory.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // The product as `npm start` runs it, driven from outside like a person or a partner would.
        test: {
          name: "e2e",
          environment: "node",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
      {
        // What the web app takes from the API, checked in Node: the generated API types.
        resolve: {
          alias: [
            {
              find: "cloudflare:workers",
              replacement: new URL("./test/web/durable-object-stub.ts", import.meta.url).pathname,
            },
            {
              find: /^.+\.(wasm|ttf\.bin)$/,
              replacement: new URL("./test/web/binary-stub.ts", import.meta.url).pathname,
            },
          ],
        },
        test: {
          name: "web",
          environment: "node",
          include: ["test/web/**/*.test.ts"],
        },
      },
      {
        // The deploy script, with a stand-in wrangler, and the real `wrangler deploy --dry-run` (offline).
        test: {
          name: "deploy",
          environment: "node",
          include: ["scripts/**/*.test.ts"],
          testTimeout: 600_000,
        },
      },
      {
        // The music engine is a Node service.
        test: {
          name: "engine",
          environment: "node",
          include: ["engine/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
