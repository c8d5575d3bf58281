import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import type { TrackRequest } from "../contract";
import { InternalMusicProvider } from "./provider";

const engine = (overrides: Partial<ConstructorParameters<typeof InternalMusicProvider>[0]> = {}) =>
  new InternalMusicProvider({
    baseUrl: env.ENGINE_URL,
    token: env.ENGINE_TOKEN,
    webhookSecret: env.ENGINE_WEBHOOK_SECRET,
    ...overrides,
  });
const order: TrackRequest = {
  jobId: "job_1",
  title: "Pour Marie",
  lyrics: { title: "Pour Marie", sections: [{ kind: "chorus", lines: ["Joyeux anniversaire Marie"] }] },
  styleTags: ["pop"],
  vocal: "female",
  language: "fr",
  durationSeconds: 20,
  seed: 42,
};

async function until(provider: InternalMusicProvider, taskId: string) {
  for (;;) {
    const status = await provider.getStatus(taskId);
    if (status.state === "succeeded" || status.state === "failed") return status;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the internal engine provider", () => {
  it("orders two takes with different seeds and returns both, with signed audio links and loudness", async () => {
    const provider = engine();
    const { taskId } = await provider.createTrack(order);
    expect(taskId.split(",")).toHaveLength(2);
    expect(await until(provider, taskId)).toEqual({ state: "succeeded" });
    const { takes } = await provider.fetchResult(taskId);
    expect(takes).toHaveLength(2);
    expect(takes[0]).toMatchObject({
      format: "mp3",
      loudnessLufs: -14,
      durationSeconds: 20,
      title: "Pour Marie",
      model: "refrain-builtin@1",
    });
    const [a, b] = await Promise.all(takes.map((t) => fetch(t.audioUrl).then((r) => r.arrayBuffer())));
    expect(new Uint8Array(a!)).not.toEqual(new Uint8Array(b!));
    expect((await fetch(takes[0]!.wavUrl!)).status).toBe(200);
  });

  it("reports a render the engine has lost (a restart, a gateway gone) as interrupted, so it is made again at once", async () => {
    const status = await engine().getStatus("trk_forgotten,trk_forgotten_too");
    expect(status).toMatchObject({ state: "failed", error: { kind: "unavailable", code: "engine_interrupted" } });
    // A gateway sharing the lost render's state says so itself.
    const track = (id: string, status: string, error: { code: string; message: string } | null) => ({
      id,
      status,
      stage: null,
      progress: 0.4,
      error,
      result: null,
      createdAt: new Date().toISOString(),
    });
    const answering = (tracks: Record<string, unknown>) =>
      engine({
        fetch: async (input) => {
          const id = new URL(input instanceof Request ? input.url : String(input)).pathname.split("/").pop()!;
          return Response.json(tracks[id]);
        },
      });
    const lost = { code: "interrupted", message: "The gateway rendering this track stopped before it finished" };
    expect(
      await answering({ a: track("a", "failed", lost), b: track("b", "failed", lost) }).getStatus("a,b"),
    ).toMatchObject({ state: "failed", error: { code: "engine_interrupted" } });
    // A render that failed of its own is the engine's failure, not a loss.
    const broken = { code: "render_failed", message: "boom" };
    expect(
      await answering({ a: track("a", "failed", broken), b: track("b", "failed", broken) }).getStatus("a,b"),
    ).toMatchObject({ state: "failed", error: { code: "engine_unavailable" } });
  });

  it("cancels both renders", async () => {
    const provider = engine();
    const { taskId } = await provider.createTrack({ ...order, durationSeconds: 300 });
    await provider.cancel(taskId);
    expect(await provider.getStatus(taskId)).toMatchObject({ state: "failed" });
  });

  it("refuses a wrong token, and reports invalid input as rejected", async () => {
    await expect(engine({ token: "wrong" }).createTrack(order)).rejects.toMatchObject({ kind: "unavailable" });
    await expect(engine().createTrack({ ...order, durationSeconds: 2 })).rejects.toMatchObject({ kind: "rejected" });
  });

  it("accepts only callbacks signed with the engine's secret, within the time tolerance", async () => {
    const provider = engine();
    const body = JSON.stringify({ type: "track.succeeded", data: { id: "trk_1", status: "succeeded" } });
    const signed = (secret: string, at = new Date()) =>
      new Request("https://refrain.test/api/webhooks/internal", {
        method: "POST",
        body,
        headers: {
          "webhook-id": "msg_1",
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": new Webhook(secret).sign("msg_1", at, body),
        },
      });
    expect(await provider.handleWebhook(signed(env.ENGINE_WEBHOOK_SECRET))).toEqual({
      kind: "hint",
      taskId: "trk_1",
      dedupeKey: "msg_1",
    });
    const forged = `whsec_${btoa("another-secret-of-thirty-two-b!!")}`;
    await expect(provider.handleWebhook(signed(forged))).rejects.toMatchObject({ kind: "unauthenticated" });
    await expect(
      provider.handleWebhook(signed(env.ENGINE_WEBHOOK_SECRET, new Date(Date.now() - 3_600_000))),
    ).rejects.toMatchObject({ kind: "unauthenticated" });
  });
});
