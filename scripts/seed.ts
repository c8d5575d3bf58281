// The demo account `npm start` prints, written by the Worker's own code on the local D1 that wrangler
// dev then serves: the password hashed as sign-up hashes it, the credits granted through the ledger
// (a ledger row and its balance in one batch), never by SQL of its own. scripts/dev.mjs bundles and runs it.

import { mkdirSync, writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { experimental_readRawConfig, getPlatformProxy } from "wrangler";
import { database, users } from "../db";
import { hashPassword } from "../worker/auth/passwords";
import { grantStatements } from "../worker/credits/ledger";

export const demo = { id: "usr_demo", email: "demo@refrain.local", password: "refrain-demo", credits: 200 };

/**
 * Adds the demo account once; on later starts it is already there, with whatever it has spent since. Its role
 * follows this start's operators (ADMIN_EMAILS), as another account's follows them when it signs up.
 */
export async function seedDemo(stateDir: string, role: "admin" | "user"): Promise<void> {
  // Only wrangler.toml's database: the proxy runs no Worker, so its Durable Objects and queues would only
  // be warned about. wrangler's --persist-to <dir> keeps its local data in <dir>/v3, where the proxy opens it.
  const { rawConfig } = experimental_readRawConfig({ config: "wrangler.toml" });
  mkdirSync(".wrangler", { recursive: true });
  const configPath = ".wrangler/seed.wrangler.json";
  writeFileSync(
    configPath,
    JSON.stringify({
      name: "refrain-seed",
      compatibility_date: rawConfig.compatibility_date,
      d1_databases: rawConfig.d1_databases,
    }),
  );
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath,
    persist: { path: `${stateDir}/v3` },
    envFiles: [],
    remoteBindings: false,
  });
  try {
    const db = database(proxy.env.DB);
    if (await db.select({ id: users.id }).from(users).where(eq(users.email, demo.email)).get()) {
      await db.update(users).set({ role }).where(eq(users.email, demo.email));
      return;
    }
    await db.batch([
      db.insert(users).values({
        id: demo.id,
        email: demo.email,
        passwordHash: await hashPassword(demo.password),
        role,
        createdAt: Date.now(),
      }),
      ...grantStatements(db, demo.id, demo.credits, { kind: "added", text: "demo credits" }, "demo:grant"),
    ]);
  } finally {
    await proxy.dispose();
  }
}
