import { createMp3Encoder } from "wasm-media-encoders";

const chunkFrames = 1152 * 64;

/** MP3 at a constant bit rate (LAME compiled to WebAssembly). */
export async function encodeMp3(
  channels: [Float32Array, Float32Array],
  sampleRate: number,
  bitrate: 128 | 192 | 256 | 320 = 192,
): Promise<Uint8Array> {
  const encoder = await createMp3Encoder();
  encoder.configure({ sampleRate, channels: 2, bitrate });
  const pieces: Uint8Array[] = [];
  // The encoder hands back views into its own memory, reused by the next call: copy each one.
  for (let at = 0; at < channels[0].length; at += chunkFrames) {
    pieces.push(
      encoder.encode([channels[0].subarray(at, at + chunkFrames), channels[1].subarray(at, at + chunkFrames)]).slice(),
    );
  }
  pieces.push(encoder.finalize().slice());
  const out = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const p of pieces) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
