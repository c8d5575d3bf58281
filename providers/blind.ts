import {
  type MusicProvider,
  ProviderError,
  type TaskStatus,
  type TrackRequest,
  type TrackResult,
  type WebhookOutcome,
} from "./contract";

const SEPARATOR = "|";

/**
 * A blind comparison: one order, one take from each of two engines, shown to the person unlabeled.
 * Each take remembers its engine, so the take they keep counts as a preference between the two.
 */
export class BlindPairProvider implements MusicProvider {
  readonly id: string;
  readonly capabilities: MusicProvider["capabilities"];
  constructor(
    private readonly a: MusicProvider,
    private readonly b: MusicProvider,
  ) {
    this.id = `blind:${a.id}+${b.id}`;
    this.capabilities = {
      callbacks: a.capabilities.callbacks || b.capabilities.callbacks,
      cancel: a.capabilities.cancel && b.capabilities.cancel,
      maxLyricsChars: Math.min(a.capabilities.maxLyricsChars, b.capabilities.maxLyricsChars),
    };
  }

  private split(taskId: string): [string, string] {
    const [a, b, ...rest] = taskId.split(SEPARATOR);
    if (!a || !b || rest.length) throw new ProviderError("unavailable", `not a blind task id: ${taskId}`);
    return [a, b];
  }

  async createTrack(request: TrackRequest): Promise<{ taskId: string }> {
    const a = await this.a.createTrack(request);
    try {
      const b = await this.b.createTrack(request);
      return { taskId: `${a.taskId}${SEPARATOR}${b.taskId}` };
    } catch (err) {
      await this.a.cancel(a.taskId).catch(() => undefined);
      throw err;
    }
  }

  async getStatus(taskId: string): Promise<TaskStatus> {
    const [a, b] = this.split(taskId);
    const statuses = await Promise.all([this.a.getStatus(a), this.b.getStatus(b)]);
    const failed = statuses.find((s) => s.state === "failed");
    // A comparison needs both takes: one engine failing fails the order over to the next engine.
    if (failed) return failed;
    if (statuses.every((s) => s.state === "succeeded")) return { state: "succeeded" };
    const progress =
      statuses.reduce(
        (sum, s) => sum + ("progress" in s && s.progress !== undefined ? s.progress : s.state === "succeeded" ? 1 : 0),
        0,
      ) / 2;
    return { state: "running", progress };
  }

  async fetchResult(taskId: string): Promise<TrackResult> {
    const [a, b] = this.split(taskId);
    const [ra, rb] = await Promise.all([this.a.fetchResult(a), this.b.fetchResult(b)]);
    const first = ra.takes[0];
    const second = rb.takes[0];
    if (!first || !second)
      throw new ProviderError(
        "unavailable",
        "a blind comparison needs a take from each engine",
        undefined,
        undefined,
        "result_invalid",
      );
    // Which engine comes first is decided by the task id, so it does not give the engine away.
    const takes = [
      { ...first, provider: this.a.id },
      { ...second, provider: this.b.id },
    ];
    return {
      takes: taskId.length % 2 ? takes.reverse() : takes,
      model: `${ra.model ?? this.a.id} vs ${rb.model ?? this.b.id}`,
    };
  }

  async cancel(taskId: string): Promise<void> {
    const [a, b] = this.split(taskId);
    await Promise.all([this.a.cancel(a), this.b.cancel(b)]);
  }

  /** Both engines call back on the order's one URL: whichever recognises the callback answers. */
  async handleWebhook(request: Request, current?: string | null): Promise<WebhookOutcome> {
    let refusal: unknown = null;
    const parts = current ? this.split(current) : [null, null];
    for (const [i, engine] of [this.a, this.b].entries()) {
      try {
        const outcome = await engine.handleWebhook(request.clone(), parts[i]);
        if (outcome.kind === "hint") return { ...outcome, taskId: current ?? outcome.taskId };
      } catch (err) {
        refusal = err;
      }
    }
    if (refusal) throw refusal;
    return { kind: "ignored", reason: "neither engine recognised the callback" };
  }
}
