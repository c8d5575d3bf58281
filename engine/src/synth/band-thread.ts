// A long-lived band thread: it keeps its synthesizer bank (and the samples it has decoded) between
// songs, renders one channel group at a time and hands each slice over as soon as it is done.
import { parentPort } from "node:worker_threads";
import { type GroupJob, renderGroup } from "./band-group";
import type { FromBandThread, ToBandThread } from "./band-protocol";
import { loadSoundBank } from "./soundbank";

const port = parentPort!;
let current: string | null = null;

port.on("message", async (message: ToBandThread) => {
  if (message.type === "warm") return void loadSoundBank().catch(() => undefined);
  if (message.type === "stop") {
    if (current === message.id) current = null;
    return;
  }
  current = message.id;
  try {
    const bank = await loadSoundBank();
    for await (const { start, slice } of renderGroup(bank, message.job satisfies GroupJob)) {
      if (current !== message.id) return;
      port.postMessage(
        { type: "slice", id: message.id, start, slice } satisfies FromBandThread,
        slice.map((x) => x.buffer as ArrayBuffer),
      );
      // Lets a stop arrive between slices.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    port.postMessage({ type: "done", id: message.id } satisfies FromBandThread);
  } catch (error) {
    port.postMessage({
      type: "error",
      id: message.id,
      message: error instanceof Error ? error.message : String(error),
    } satisfies FromBandThread);
  } finally {
    if (current === message.id) current = null;
  }
});
