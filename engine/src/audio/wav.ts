/** Bytes of a WAV file before its samples. */
export const wavHeaderBytes = 44;

/**
 * A song-long float channel in shared memory with room for a WAV header just before it: once the
 * channel is spent, the song's 16-bit stereo WAV (as many bytes as the channel) can be written over
 * it (`encodeWav`'s `over`) instead of into 21 MB of fresh memory for a 120 s song.
 */
export function sharedChannelWithWavRoom(length: number): Float32Array {
  return new Float32Array(
    new SharedArrayBuffer(wavHeaderBytes + length * Float32Array.BYTES_PER_ELEMENT),
    wavHeaderBytes,
    length,
  );
}

/**
 * 16-bit PCM WAV, channels interleaved; samples beyond ±1 are clipped. Written over `over` when it is
 * a spent channel made by sharedChannelWithWavRoom, large enough and apart from `channels`.
 */
export function encodeWav(channels: readonly Float32Array[], sampleRate: number, over?: Float32Array): Uint8Array {
  const frames = channels[0]?.length ?? 0;
  const count = channels.length;
  const dataBytes = frames * count * 2;
  const fits =
    over &&
    over.byteOffset >= wavHeaderBytes &&
    over.byteLength >= dataBytes &&
    !channels.some((x) => x.buffer === over.buffer);
  const bytes = fits
    ? new Uint8Array(over.buffer, over.byteOffset - wavHeaderBytes, wavHeaderBytes + dataBytes)
    : new Uint8Array(wavHeaderBytes + dataBytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) bytes[offset + i] = value.charCodeAt(i);
  };
  text(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, count, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * count * 2, true);
  view.setUint16(32, count * 2, true);
  view.setUint16(34, 16, true);
  text(36, "data");
  view.setUint32(40, dataBytes, true);
  const pcm = new Int16Array(bytes.buffer, bytes.byteOffset + wavHeaderBytes, frames * count);
  for (let c = 0; c < count; c++) {
    const x = channels[c]!;
    for (let n = 0; n < frames; n++) pcm[n * count + c] = Math.max(-32768, Math.min(32767, Math.round(x[n]! * 32767)));
  }
  return bytes;
}
