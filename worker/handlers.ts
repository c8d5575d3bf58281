import { database } from "../db";
import type { createApp } from "./app";
import { sweepStragglers } from "./jobs";
import { watchSecrets } from "./observability";
import { handleQueueBatch } from "./queues";

/** The Worker's handlers around an app: the API-only entry and the web entry differ only in the app. */
export function workerHandlers(app: ReturnType<typeof createApp>) {
  return {
    fetch: app.fetch,
    queue: (batch, env) => {
      watchSecrets(env);
      return handleQueueBatch(batch, env);
    },
    scheduled: async (_controller, env) => {
      watchSecrets(env);
      await sweepStragglers(env, database(env.DB));
    },
  } satisfies ExportedHandler<Env>;
}
