// Prints the song metrics of a few renders, for an engine's sources given by --root (this one by
// default), so that figures before and after a change come from the same measurement:
//   npx tsx engine/test-helpers/measure-song.ts [--root /other/checkout/engine/src] pop:fr:30 folk:en:180 …
import { parseArgs } from "node:util";
import type { Language } from "../../domain/values";
import { formLyrics } from "./song-lyrics";
import { type EngineUnderTest, measureSong } from "./song-metrics";

const { values, positionals } = parseArgs({
  options: {
    root: { type: "string" },
    seed: { type: "string", default: "7" },
    name: { type: "string", default: "Maëlys" },
  },
  allowPositionals: true,
});
const root = values.root ?? new URL("../src", import.meta.url).pathname;
const { createRenderSong } = await import(`${root}/pipeline/render.ts`);
const { arrange } = await import(`${root}/arranger/arrange.ts`);
const { sing, closeSinger } = await import(`${root}/voice/sing.ts`);
const { synthesize } = await import(`${root}/voice/espeak-client.ts`);

let vocal = new Float32Array(0);
const render = createRenderSong({
  sing: async (request: unknown, signal?: AbortSignal) => {
    const out: Float32Array = await sing(request, signal);
    vocal = out.slice();
    return out;
  },
});
const engine: EngineUnderTest = {
  async render(request) {
    const result = await render(request);
    return { ...result, vocal };
  },
  notes: (request) => arrange(request, request.lyrics).sung,
  async speak(text, language) {
    const s = await synthesize({ text, voice: language === "fr" ? "fr+f3" : "en-us+f3", pitch: 50, rate: 175 });
    return { pcm: Float32Array.from(s.pcm, (x: number) => x / 32768), sampleRate: s.sampleRate };
  },
};

const round = (x: number, d = 2) => Number(x.toFixed(d));
try {
  for (const spec of positionals) {
    const [style = "pop", language = "fr", duration = "60"] = spec.split(":");
    const durationSeconds = Number(duration);
    const lyrics = formLyrics(language as Language, durationSeconds, values.name);
    const request = {
      lyrics,
      styleTags: [style],
      durationSeconds,
      vocal: "female",
      language,
      seed: Number(values.seed),
    };
    const m = await measureSong(engine, request as never, values.name);
    const paces = [...m.paceRatios].sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        song: spec,
        lines: `${m.linesTimed}/${m.linesGiven}`,
        badTimings: m.badTimings,
        lraLu: m.lraLu,
        voiceShare: round(m.voiceShare),
        longSilences: m.longSilences.map((s) => `${round(s.startSec, 1)}-${round(s.endSec, 1)}`),
        fastestLineRatio: round(paces[0] ?? NaN),
        medianLineRatio: round(paces[paces.length >> 1] ?? NaN),
        nameNotesSec: m.nameNotesSec.map((x) => round(x)),
      }),
    );
  }
} finally {
  await closeSinger();
}
