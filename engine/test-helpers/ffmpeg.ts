// ffmpeg as an independent referee for the engine's audio: its EBU R128 meter and its decoders.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The ffmpeg binary; throws when it is not installed, so that no check passes without it. */
export function ffmpegPath(): string {
  try {
    return execFileSync("which", ["ffmpeg"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("ffmpeg is not installed: these checks need it (apt-get install -y ffmpeg)");
  }
}

export interface Ebur128 {
  integratedLufs: number;
  truePeakDbtp: number;
  /** EBU R128 loudness range (LU): how far the loud and the quiet passages lie apart. */
  lraLu: number;
}

/** Integrated loudness and true peak as ffmpeg's ebur128 filter reports them in its summary. */
export async function ebur128(file: string): Promise<Ebur128> {
  const { stderr } = await run(
    ffmpegPath(),
    ["-nostats", "-hide_banner", "-i", file, "-filter_complex", "ebur128=peak=true", "-f", "null", "-"],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  const integrated = /I:\s+(-?[\d.]+|-inf)\s+LUFS/.exec(summary);
  const peak = /Peak:\s+(-?[\d.]+|-inf)\s+dBFS/.exec(summary);
  const range = /LRA:\s+(-?[\d.]+)\s+LU/.exec(summary);
  if (!integrated || !peak || !range)
    throw new Error(`no ebur128 summary from ffmpeg for ${file}:\n${summary || stderr.slice(-2000)}`);
  const number = (text: string) => (text === "-inf" ? -Infinity : Number(text));
  return { integratedLufs: number(integrated[1]!), truePeakDbtp: number(peak[1]!), lraLu: Number(range[1]!) };
}

export interface Decoded {
  durationSec: number;
  channels: number;
  sampleRate: number;
  codec: string;
  /** Whatever ffmpeg complained about while decoding every frame (empty for a clean file). */
  errors: string;
  /** The file's own tags as ffprobe reads them (title, artist, lyrics-fra…). */
  tags: Record<string, string>;
}

/** Decodes a whole file (every frame) and reports its stream and any decoding errors. */
export async function decode(file: string): Promise<Decoded> {
  const ffprobe = ffmpegPath().replace(/ffmpeg$/, "ffprobe");
  const probe = await run(ffprobe, [
    "-v",
    "error",
    "-show_entries",
    "stream=codec_name,channels,sample_rate:format=duration:format_tags",
    "-of",
    "json",
    file,
  ]);
  const info = JSON.parse(probe.stdout) as {
    streams: { codec_name: string; channels: number; sample_rate: string }[];
    format: { duration: string; tags?: Record<string, string> };
  };
  const stream = info.streams[0];
  if (!stream) throw new Error(`ffprobe found no audio stream in ${file}`);
  const full = await run(ffmpegPath(), ["-v", "error", "-i", file, "-f", "null", "-"]);
  return {
    durationSec: Number(info.format.duration),
    channels: stream.channels,
    sampleRate: Number(stream.sample_rate),
    codec: stream.codec_name,
    errors: full.stderr.trim(),
    tags: info.format.tags ?? {},
  };
}

/** A file's audio as ffmpeg decodes it: one Float32Array per channel, every sample the decoder gives. */
export async function decodeSamples(file: string): Promise<Float32Array[]> {
  const { stdout } = await run(ffmpegPath(), ["-v", "error", "-i", file, "-f", "f32le", "-"], {
    encoding: "buffer",
    maxBuffer: 1 << 30,
  });
  const interleaved = new Float32Array(stdout.buffer, stdout.byteOffset, stdout.byteLength / 4);
  const probe = await run(ffmpegPath().replace(/ffmpeg$/, "ffprobe"), [
    "-v",
    "error",
    "-show_entries",
    "stream=channels",
    "-of",
    "csv=p=0",
    file,
  ]);
  const count = Number(probe.stdout.trim());
  return Array.from({ length: count }, (_, c) =>
    Float32Array.from({ length: interleaved.length / count }, (_, n) => interleaved[n * count + c]!),
  );
}
