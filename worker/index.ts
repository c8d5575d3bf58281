import { database } from "../db";
import { createApp } from "./app";
import { sweepStragglers } from "./jobs";
import { handleQueueBatch } from "./queues";

export { JobObject } from "./jobs";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleQueueBatch(batch, env),
  scheduled: async (_controller, env) => {
    await sweepStragglers(env, database(env.DB));
  },
} satisfies ExportedHandler<Env>;
