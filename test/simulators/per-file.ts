import { join } from "node:path";
import { cloudflarePool, cloudflareTest } from "@cloudflare/vitest-plugin";
import type { startSimulators } from "./set";

type PoolOptions = Extract<Parameters<typeof cloudflareTest>[0], (...args: never[]) => unknown>;

/**
 * `cloudflareTest`, with a set of simulators of its own for each test file. Their behaviour is state a
 * test sets (`/__sim/behaviour`, resets, recorded tasks), so files sharing one set could not run side
 * by side; with one set each, the Worker's files run in parallel. The plugin starts one Miniflare per
 * file and asks `options` for its bindings then: `inject` answers there with that file's simulators.
 */
export function cloudflareTestWithOwnSimulators(options: PoolOptions): ReturnType<typeof cloudflareTest> {
  const plugin = cloudflareTest(options);
  const configure = plugin.configureVitest!;
  return {
    ...plugin,
    configureVitest(context) {
      (configure as (c: typeof context) => void)(context);
      const pool = context.project.config.poolRunner!;
      context.project.config.poolRunner = {
        ...pool,
        createPoolWorker(workerOptions) {
          let simulators: Awaited<ReturnType<typeof startSimulators>> | undefined;
          const worker = cloudflarePool(async ({ inject }) => {
            // Loaded by the project's module runner, as a globalSetup file is, not bundled into the config.
            const set = await workerOptions.project.import<{ startSimulators: typeof startSimulators }>(
              join(workerOptions.project.config.root, "test/simulators/set.ts"),
            );
            simulators = await set.startSimulators();
            const provided: Record<string, unknown> = { ...simulators.provided };
            return options({
              inject: ((key: string) => (key in provided ? provided[key] : inject(key as never))) as typeof inject,
            });
          }).createPoolWorker(workerOptions);
          const stop = worker.stop.bind(worker);
          worker.stop = async () => {
            await stop();
            await simulators?.close();
          };
          return worker;
        },
      };
    },
  };
}
