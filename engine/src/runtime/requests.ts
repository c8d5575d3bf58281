// Requests to a worker thread or a child process, answered by id. The other side is referenced only while
// a request waits, so an idle one never keeps the engine (or its tests) alive. A request whose signal
// aborts settles at once, and the other side is told to drop it.

/** What keeps the other side referenced (a Worker, or a child process and its IPC channel). */
export interface Peer {
  ref(): void;
  unref(): void;
}

interface Waiting<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

export class Requests<T> {
  private readonly waiting = new Map<number, Waiting<T>>();
  private nextId = 1;

  constructor(private readonly peer: Peer) {
    peer.unref();
  }

  /**
   * Posts a request under a new id. If `signal` aborts first, the request rejects with its reason and
   * `cancel` is asked to tell the other side.
   */
  send(post: (id: number) => void, signal?: AbortSignal, cancel?: (id: number) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      const onAbort = () => {
        if (!this.take(id)) return;
        cancel?.(id);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => signal?.removeEventListener("abort", onAbort);
      this.waiting.set(id, {
        resolve: (value) => (done(), resolve(value)),
        reject: (error) => (done(), reject(error)),
      });
      this.peer.ref();
      post(id);
    });
  }

  /** The answer to request `id`; an answer nobody waits for any more (the request was aborted) is dropped. */
  resolve(id: number, value: T): void {
    this.take(id)?.resolve(value);
  }

  reject(id: number, error: unknown): void {
    this.take(id)?.reject(error);
  }

  /** The other side is gone: every waiting request fails. */
  rejectAll(error: () => Error): void {
    for (const id of [...this.waiting.keys()]) this.reject(id, error());
  }

  private take(id: number): Waiting<T> | undefined {
    const waiting = this.waiting.get(id);
    if (!waiting) return undefined;
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.peer.unref();
    return waiting;
  }
}
