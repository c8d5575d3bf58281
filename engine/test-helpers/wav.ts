/** Reads a 16-bit PCM WAV into float channels (what a player would hear from it). */
export function readWav(bytes: Uint8Array): { sampleRate: number; channels: Float32Array[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new Error("not a WAV file");
  let offset = 12;
  let format: { channels: number; sampleRate: number; bits: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const size = view.getUint32(offset + 4, true);
    if (tag(offset) === "fmt ") {
      format = {
        channels: view.getUint16(offset + 10, true),
        sampleRate: view.getUint32(offset + 12, true),
        bits: view.getUint16(offset + 22, true),
      };
    } else if (tag(offset) === "data") {
      if (format?.bits !== 16) throw new Error("only 16-bit PCM is read here");
      const frames = size / (2 * format.channels);
      const channels = Array.from({ length: format.channels }, () => new Float32Array(frames));
      for (let n = 0; n < frames; n++) {
        for (let c = 0; c < format.channels; c++)
          channels[c]![n] = view.getInt16(offset + 8 + 2 * (n * format.channels + c), true) / 32768;
      }
      return { sampleRate: format.sampleRate, channels };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error("WAV file without data");
}
