// Test fixture: Mubert API v3 as its documentation describes it (service customers, public tracks,
// generations with expiring URLs), driven over /__sim/* by tests running inside workerd.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const COMPANY_ID = "sim-company";
const LICENSE_TOKEN = "sim-license";

// A silent MPEG-1 Layer III frame (128 kbps, 44.1 kHz), repeated: a valid, playable MP3.
const frame = Buffer.alloc(417);
frame.set([0xff, 0xfb, 0x90, 0x64]);
const audio = Buffer.concat(Array.from({ length: 115 }, () => frame));

interface Track {
  id: string;
  body: Record<string, unknown>;
  polls: number;
}

export async function startMubertSimulator(): Promise<{ url: string; close(): Promise<void> }> {
  const tracks = new Map<string, Track>();
  const customers = new Map<string, string>();
  /** create: how track creation answers (a refused prompt, an outage, back-pressure); outcome "empty": done without a URL. */
  const initial = {
    outcome: "success" as "success" | "fail" | "empty",
    pollsToComplete: 1,
    create: "ok" as "ok" | "refuse" | "http500" | "busy",
  };
  let behaviour = { ...initial };
  let url = "";

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const read = (req: IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve) => {
      let text = "";
      req.on("data", (c) => (text += c));
      req.on("end", () => {
        try {
          resolve(text ? JSON.parse(text) : {});
        } catch {
          resolve({});
        }
      });
    });
  const view = (t: Track) => {
    const done = t.polls >= behaviour.pollsToComplete;
    const status = !done ? "processing" : behaviour.outcome === "fail" ? "failed" : "done";
    return {
      data: {
        id: t.id,
        duration: t.body.duration,
        generations: [
          {
            status,
            url: status === "done" && behaviour.outcome !== "empty" ? `${url}/audio/${t.id}.mp3` : null,
            expired_at: new Date(Date.now() + 3_600_000).toISOString(),
            format: t.body.format,
            bitrate: t.body.bitrate,
          },
        ],
      },
    };
  };

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://sim").pathname;
    const body = await read(req);
    if (path === "/__sim/reset") {
      tracks.clear();
      behaviour = { ...initial };
      return send(res, 200, behaviour);
    }
    if (path === "/__sim/behaviour") return send(res, 200, (behaviour = { ...behaviour, ...body }));
    if (path === "/__sim/tracks") return send(res, 200, [...tracks.values()]);
    if (path.startsWith("/audio/"))
      return res.writeHead(200, { "content-type": "audio/mpeg", "content-length": audio.length }).end(audio);
    if (path === "/service/customers" && req.method === "POST") {
      if (req.headers["company-id"] !== COMPANY_ID || req.headers["license-token"] !== LICENSE_TOKEN)
        return send(res, 401, { error: { code: 401, text: "unauthorized" } });
      const token = randomUUID();
      customers.set(`cus_${String(body.custom_id)}`, token);
      return send(res, 200, {
        data: {
          id: `cus_${String(body.custom_id)}`,
          custom_id: body.custom_id,
          access: { id: `cus_${String(body.custom_id)}`, token },
        },
      });
    }
    const customer = String(req.headers["customer-id"] ?? "");
    if (!customers.has(customer) || customers.get(customer) !== req.headers["access-token"])
      return send(res, 401, { error: { code: 401, text: "unauthorized" } });
    if (path === "/public/tracks" && req.method === "POST") {
      if (behaviour.create === "refuse")
        return send(res, 422, { error: { code: 422, text: "prompt contains forbidden words" } });
      if (behaviour.create === "http500") return send(res, 500, { error: { code: 500, text: "internal error" } });
      if (behaviour.create === "busy")
        return res
          .writeHead(429, { "content-type": "application/json", "retry-after": "3" })
          .end(JSON.stringify({ error: { code: 429, text: "too many requests" } }));
      const duration = Number(body.duration);
      const bitrate = Number(body.bitrate);
      if (
        typeof body.prompt !== "string" ||
        body.prompt.length > 200 ||
        !(duration > 0) ||
        !(bitrate >= 32 && bitrate <= 320) ||
        !["mp3", "wav"].includes(String(body.format))
      )
        return send(res, 422, { error: { code: 422, text: "validation failed" } });
      const track: Track = { id: randomUUID(), body, polls: 0 };
      tracks.set(track.id, track);
      return send(res, 200, view(track));
    }
    const match = /^\/public\/tracks\/([^/]+)$/.exec(path);
    const track = match && tracks.get(match[1]!);
    if (track && req.method === "GET") {
      track.polls += 1;
      return send(res, 200, view(track));
    }
    send(res, 404, { error: { code: 404, text: "not found" } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export const mubertSimulatorCredentials = { companyId: COMPANY_ID, licenseToken: LICENSE_TOKEN };
