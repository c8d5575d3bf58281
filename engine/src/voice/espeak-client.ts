// The singer thread's side of the espeak process: one long-lived child per singer thread, requests
// multiplexed by id; a request given up on (its song cancelled) is dropped by the child if not said yet. A child that dies fails the requests it held; the next request starts a new one.
import { type ChildProcess, spawn } from "node:child_process";
import { builtEntry } from "../runtime/built-entry";
import type { EspeakReply, Synthesis, SynthesisParams, ToEspeak } from "./protocol";

interface Pending {
  resolve: (synthesis: Synthesis) => void;
  reject: (error: Error) => void;
}

class EspeakProcess {
  readonly pending = new Map<number, Pending>();
  readonly exited: Promise<void>;
  private nextId = 1;

  constructor(readonly child: ChildProcess) {
    child.on("message", (reply: EspeakReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.settled(reply.id);
      if (reply.ok) pending.resolve({ pcm: reply.pcm, sampleRate: reply.sampleRate, phonemes: reply.phonemes });
      else pending.reject(new Error(`espeak: ${reply.message}`));
    });
    this.exited = new Promise((resolve) => {
      const fail = (reason: string) => {
        if (current === this) current = undefined;
        for (const { reject } of this.pending.values()) reject(new Error(`the espeak process ${reason}`));
        this.pending.clear();
        resolve();
      };
      child.once("error", (error) => fail(`failed: ${error.message}`));
      child.once("exit", (code, signal) => fail(`exited (${signal ?? `code ${code}`})`));
    });
    this.idle();
  }

  request(params: SynthesisParams, signal?: AbortSignal): Promise<Synthesis> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const onAbort = () => {
        this.settled(id);
        if (this.child.connected) this.child.send({ type: "cancel", id } satisfies ToEspeak);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => signal?.removeEventListener("abort", onAbort);
      this.pending.set(id, {
        resolve: (synthesis) => (done(), resolve(synthesis)),
        reject: (error) => (done(), reject(error)),
      });
      this.busy();
      const request: ToEspeak = { type: "say", id, ...params };
      this.child.send(request, (error) => {
        if (error && this.pending.has(id)) {
          this.settled(id);
          done();
          reject(error);
        }
      });
    });
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.idle();
  }

  // An idle child must not keep the engine alive, nor the engine's tests from exiting.
  private idle(): void {
    this.child.unref();
    this.child.channel?.unref();
  }

  private busy(): void {
    this.child.ref();
    this.child.channel?.ref();
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
