// The singer thread's side of the espeak process: one long-lived child per singer thread, requests
// multiplexed by id; a request given up on (its song cancelled) is dropped by the child if not said yet. A child that dies fails the requests it held; the next request starts a new one.
import { type ChildProcess, spawn } from "node:child_process";
import { builtEntry } from "../runtime/built-entry";
import { Requests } from "../runtime/requests";
import type { EspeakReply, Synthesis, SynthesisParams, ToEspeak } from "./protocol";

class EspeakProcess {
  readonly exited: Promise<void>;
  private readonly syntheses: Requests<Synthesis>;

  constructor(readonly child: ChildProcess) {
    // An idle child must not keep the engine alive, nor the engine's tests from exiting.
    this.syntheses = new Requests({
      ref: () => (child.ref(), child.channel?.ref()),
      unref: () => (child.unref(), child.channel?.unref()),
    });
    child.on("message", (reply: EspeakReply) => {
      if (reply.ok)
        this.syntheses.resolve(reply.id, { pcm: reply.pcm, sampleRate: reply.sampleRate, phonemes: reply.phonemes });
      else this.syntheses.reject(reply.id, new Error(`espeak: ${reply.message}`));
    });
    this.exited = new Promise((resolve) => {
      const fail = (reason: string) => {
        if (current === this) current = undefined;
        this.syntheses.rejectAll(() => new Error(`the espeak process ${reason}`));
        resolve();
      };
      child.once("error", (error) => fail(`failed: ${error.message}`));
      child.once("exit", (code, signal) => fail(`exited (${signal ?? `code ${code}`})`));
    });
  }

  request(params: SynthesisParams, signal?: AbortSignal): Promise<Synthesis> {
    return this.syntheses.send(
      (id) =>
        this.child.send({ type: "say", id, ...params } satisfies ToEspeak, (error) => {
          if (error) this.syntheses.reject(id, error);
        }),
      signal,
      (id) => {
        if (this.child.connected) this.child.send({ type: "cancel", id } satisfies ToEspeak);
      },
    );
  }
}

let current: EspeakProcess | undefined;
let starting: Promise<EspeakProcess> | undefined;
let entryReady: Promise<string> | undefined;

export async function synthesize(params: SynthesisParams, signal?: AbortSignal): Promise<Synthesis> {
  signal?.throwIfAborted();
  const espeak = current ?? (await (starting ??= launch().finally(() => (starting = undefined))));
  signal?.throwIfAborted();
  return espeak.request(params, signal);
}

/**
 * Starts the espeak process (its start-up, some 0.4 s of CPU, loads its voices and dictionaries) if
 * none is running, so that it is ready by the time the song's lines are known.
 */
export function warmSinger(): void {
  if (current || starting) return;
  starting = launch().finally(() => (starting = undefined));
  starting.catch(() => undefined);
}

/** Stops the espeak process (requests in flight reject); the next synthesis starts a new one. */
export async function closeSinger(): Promise<void> {
  const espeak = current ?? (await starting?.catch(() => undefined));
  if (!espeak) return;
  current = undefined;
  // Held until it has exited, or the engine could quit first and leave it behind.
  espeak.child.ref();
  if (espeak.child.connected) espeak.child.disconnect();
  await espeak.exited;
}

/** The running espeak process's id, if one is running (tests use it to kill the process). */
export function singerProcessId(): number | undefined {
  return current?.child.pid;
}

async function launch(): Promise<EspeakProcess> {
  const entry = await (entryReady ??= builtEntry("espeak-process").catch((error: unknown) => {
    entryReady = undefined;
    throw error;
  }));
  // espeak is JavaScript (Emscripten's wasm2js), so most of its CPU time is V8 compiling it while the
  // first lines are said. With V8's helper threads off (no concurrent compiling or GC) the process peaks
  // at 95 MiB instead of 107-116 and uses no more CPU (1.53-1.69 s against 1.65-1.93 s for a 120 s
  // French song, 8 interleaved runs on a busy machine).
  const child = spawn(process.execPath, ["--single-threaded", entry], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    serialization: "advanced",
  });
  current = new EspeakProcess(child);
  return current;
}
