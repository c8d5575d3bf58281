// Just enough of the WAV and MP3 headers to record a track's sample rate and length; the engines
// that measure loudness report it themselves.

export interface AudioInfo {
  format: "mp3" | "wav";
  sampleRate: number | null;
  durationSeconds: number | null;
}

function wavInfo(view: DataView): AudioInfo | null {
  if (view.byteLength < 44 || view.getUint32(0) !== 0x52494646 || view.getUint32(8) !== 0x57415645) return null;
  let offset = 12;
  let sampleRate: number | null = null;
  let byteRate = 0;
  while (offset + 8 <= view.byteLength) {
    const id = view.getUint32(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 0x666d7420) {
      sampleRate = view.getUint32(offset + 12, true);
      byteRate = view.getUint32(offset + 16, true);
    } else if (id === 0x64617461) {
      return { format: "wav", sampleRate, durationSeconds: byteRate ? size / byteRate : null };
    }
    offset += 8 + size + (size % 2);
  }
  return { format: "wav", sampleRate, durationSeconds: null };
}

const mp3SampleRates: Record<number, readonly number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};
const mp3Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

function mp3Info(bytes: Uint8Array, totalBytes: number): AudioInfo | null {
  let start = 0;
  // Skip an ID3v2 tag: its size is four 7-bit bytes.
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33 && bytes.length > 10)
    start =
      10 + (((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f));
  for (let i = start; i + 4 <= Math.min(bytes.length, start + 8192); i++) {
    if (bytes[i] !== 0xff || (bytes[i + 1]! & 0xe0) !== 0xe0) continue;
    const version = (bytes[i + 1]! >> 3) & 3;
    const layer = (bytes[i + 1]! >> 1) & 3;
    const bitrateIndex = bytes[i + 2]! >> 4;
    const rateIndex = (bytes[i + 2]! >> 2) & 3;
    const rates = mp3SampleRates[version];
    if (!rates || layer !== 1 || rateIndex === 3 || bitrateIndex === 0 || bitrateIndex === 15) continue;
    const kbps =
      version === 3
        ? mp3Bitrates[bitrateIndex]!
        : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160][bitrateIndex]!;
    return { format: "mp3", sampleRate: rates[rateIndex]!, durationSeconds: ((totalBytes - i) * 8) / (kbps * 1000) };
  }
  return null;
}

/**
 * Null when the bytes are neither WAV nor MP3: the product never stores what it cannot play. `bytes` may be
 * the file's head (see audioHeadBytes) when `totalBytes` gives the whole file's length.
 */
export function audioInfo(bytes: Uint8Array, totalBytes = bytes.length): AudioInfo | null {
  return wavInfo(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)) ?? mp3Info(bytes, totalBytes);
}

/** How much of a file's start audioInfo reads, once its first 10 bytes are known (an ID3v2 tag comes first). */
export function audioHeadBytes(first: Uint8Array): number {
  if (first.length < 10 || first[0] !== 0x49 || first[1] !== 0x44 || first[2] !== 0x33) return 16_384;
  return (
    10 +
    (((first[6]! & 0x7f) << 21) | ((first[7]! & 0x7f) << 14) | ((first[8]! & 0x7f) << 7) | (first[9]! & 0x7f)) +
    8_192
  );
}
