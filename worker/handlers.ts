import { database } from "../db";
import { resendStaleDeletions } from "./account";
import type { createApp } from "./app";
import { config } from "./config";
import { sweepStragglers } from "./jobs";
import { checkAlerts, log, watchSecrets } from "./observability";
import { handleQueueBatch } from "./queues";
import { pruneExpired } from "./retention";

/** The Worker's handlers around an app: the API-only entry and the web entry differ only in the app. */
export function workerHandlers(app: ReturnType<typeof createApp>) {
  return {
    fetch: app.fetch,
    queue: (batch, env) => {
      watchSecrets(env);
      config(env);
      return handleQueueBatch(batch, env);
    },
    scheduled: async (_controller, env) => {
      watchSecrets(env);
      config(env);
      const db = database(env.DB);
      // Independent chores: a failing alert check must not stop stragglers from being swept, nor the reverse.
      const [swept, alerted, deletions, pruned] = await Promise.allSettled([
        sweepStragglers(env, db),
        checkAlerts(env, db),
        resendStaleDeletions(env, db),
        pruneExpired(env, db),
      ]);
      for (const [chore, outcome] of [
        ["sweep", swept],
        ["alerts", alerted],
        ["deletions", deletions],
        ["retention", pruned],
      ] as const)
        if (outcome.status === "rejected") log("error", "cron chore failed", { chore, error: outcome.reason });
      if (pruned.status === "fulfilled" && Object.values(pruned.value).some((n) => n > 0))
        log("info", "expired records pruned", { ...pruned.value });
    },
  } satisfies ExportedHandler<Env>;
}
