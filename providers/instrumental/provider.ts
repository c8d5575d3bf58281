import type { MusicProvider, TrackRequest } from "../contract";

/**
 * The last engine of every failover chain: an instrumental track, so a person still receives a song.
 * Mubert when configured; otherwise the internal engine in instrumental mode, which works offline.
 */
export class InstrumentalFallbackProvider implements MusicProvider {
  readonly id = "instrumental";
  constructor(private readonly inner: MusicProvider) {}
  get capabilities() {
    return { ...this.inner.capabilities, maxLyricsChars: 0 };
  }
  createTrack(request: TrackRequest) {
    return this.inner.createTrack({ ...request, vocal: "instrumental", lyrics: null });
  }
  getStatus(taskId: string) {
    return this.inner.getStatus(taskId);
  }
  fetchResult(taskId: string) {
    return this.inner.fetchResult(taskId);
  }
  cancel(taskId: string) {
    return this.inner.cancel(taskId);
  }
  handleWebhook(request: Request, taskId?: string | null) {
    return this.inner.handleWebhook(request, taskId);
  }
}
