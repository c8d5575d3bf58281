// Renders one song with the built-in engine:
//   node engine/dist/render.mjs --style pop --lang fr --vocal female --duration 60 --seed 1 --out song.mp3
import { readFile, writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import type { SongContext } from "../../../domain/lyrics";
import { parseLyricsText } from "../../../domain/lyrics-text";
import { type Language, languages, type Vocal, vocals } from "../../../domain/values";
import { arrange } from "../arranger/arrange";
import type { RenderRequest } from "../pipeline/contract";
import { renderSong } from "../pipeline/render";
import { writeMidiFile } from "../synth/midi";
import { closeSinger } from "../voice/sing";

const usage = `Usage: render [options]
  --style <tag>        pop, rock, folk, electronic, hip-hop, ballad, jazz, chanson, children
                       (free text such as "chanson française" or "comptine" works too; default pop)
  --lang <fr|en>       language of the lyrics (default fr)
  --vocal <v>          female, male or instrumental (default female)
  --duration <s>       length in seconds (default 60)
  --seed <n>           the same seed gives the same song (default 1)
  --out <file>         .wav or .mp3 (default song.wav)
  --lyrics <file>      lyrics with [Verse]/[Chorus] tags
  --name <name>        for lyrics written from a context: who the song is for (default Alex)
  --occasion <text>    e.g. "anniversaire", "wedding" (default: a birthday)
  --details "a;b"      things to mention, separated by ";"
  --mood <text>        e.g. joyeux, nostalgic, romantic, energetic, calm
  --key <key>          e.g. C, F#m, Bb
  --tempo <bpm>        overrides the style's tempo
  --pronounce <w=p>    how to sing a word, e.g. "Maëlys=ma-é-liss" (repeatable)
  --midi <file>        also write the band's MIDI file
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}`);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({
    options: {
      style: { type: "string", default: "pop" },
      lang: { type: "string", default: "fr" },
      vocal: { type: "string", default: "female" },
      duration: { type: "string", default: "60" },
      seed: { type: "string", default: "1" },
      out: { type: "string", default: "song.wav" },
      lyrics: { type: "string" },
      name: { type: "string", default: "Alex" },
      occasion: { type: "string" },
      details: { type: "string", default: "" },
      mood: { type: "string" },
      key: { type: "string" },
      tempo: { type: "string" },
      pronounce: { type: "string", multiple: true },
      midi: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const language = values.lang as Language;
  const vocal = values.vocal as Vocal;
  if (!languages.includes(language)) fail(`--lang must be one of ${languages.join(", ")}`);
  if (!vocals.includes(vocal)) fail(`--vocal must be one of ${vocals.join(", ")}`);
  const durationSeconds = Number(values.duration);
  const seed = Number(values.seed);
  if (!(durationSeconds >= 5 && durationSeconds <= 600)) fail("--duration must be between 5 and 600 seconds");
  if (!Number.isInteger(seed)) fail("--seed must be an integer");
  const format = extname(values.out).toLowerCase().slice(1);
  if (format !== "wav" && format !== "mp3") fail("--out must end in .wav or .mp3");
  const tempo = values.tempo === undefined ? undefined : Number(values.tempo);
  if (tempo !== undefined && !(tempo >= 40 && tempo <= 220)) fail("--tempo must be between 40 and 220");

  const styleTags = [values.style];
  const details = values.details
    .split(";")
    .map((d) => d.trim())
    .filter(Boolean);
  const occasion = values.occasion ?? (language === "fr" ? "anniversaire" : "birthday");
  const context: SongContext = {
    occasion,
    recipientName: values.name,
    details,
    language,
    styleTags,
    vocal,
    durationSeconds,
    ...(values.mood ? { mood: values.mood } : {}),
  };
  const pronunciations = Object.fromEntries(
    (values.pronounce ?? []).map((p) => {
      const [word, spoken] = p.split("=");
      if (!word || !spoken) fail(`--pronounce expects word=pro-nun-ci-a-tion, got "${p}"`);
      return [word.trim(), spoken.trim()];
    }),
  );
  const lyrics = values.lyrics ? parseLyricsText(await readFile(values.lyrics, "utf8"), values.name) : null;
  const request: RenderRequest = {
    lyrics,
    context,
    styleTags,
    durationSeconds,
    vocal,
    language,
    seed,
    ...(values.mood ? { mood: values.mood } : {}),
    ...(values.key ? { key: values.key } : {}),
    ...(tempo ? { tempo } : {}),
    ...(Object.keys(pronunciations).length > 0 ? { pronunciations } : {}),
  };

  const started = performance.now();
  let lastStage = "";
  // Only the file written is encoded, and this process renders no other song.
  const result = await renderSong(request, {
    formats: [format],
    lastSong: true,
    onProgress: (stage) => {
      if (stage !== lastStage && process.stderr.isTTY) process.stderr.write(`\r${stage.padEnd(12)}`);
      lastStage = stage;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (process.stderr.isTTY) process.stderr.write(`${"\r".padEnd(14)}\r`);
  await writeFile(values.out, result[format]);
  if (values.midi) await writeMidiFile(values.midi, arrange(request, result.lyrics));

  const lines = [
    `wrote ${values.out}`,
    `style ${result.style}, ${result.tempo.toFixed(1)} BPM, key ${result.key}`,
    `duration ${result.durationSeconds.toFixed(2)} s`,
    `loudness ${result.loudnessLufs.toFixed(1)} LUFS, true peak ${result.truePeakDbtp.toFixed(1)} dBTP`,
    `sections ${result.sectionStarts.map((s) => `${s.kind}@${s.startSec.toFixed(1)}`).join(" ")}`,
    `rendered in ${seconds.toFixed(1)} s`,
  ];
  if (values.midi) lines.splice(1, 0, `wrote ${values.midi}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`render failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await closeSinger();
}
