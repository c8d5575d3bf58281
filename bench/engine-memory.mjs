// Memory of one render, espeak included: the CLI (engine/dist/render.mjs) renders the 120 s French pop
// song with a female vocal (seed 1) to WAV and to MP3, each in a new process; with --baseline, the same
// from another tree's build (e.g. a worktree of main), the runs of both interleaved.
//
//   npx node bench/engine-memory.mjs [--runs 3] [--song-seconds 120] [--baseline /path/to/other/tree]
//
// Per run, /proc of the render process and of its espeak child is read every 10 ms:
// - each one's peak RSS (VmHWM), the figure issue 16 names ("render process + espeak child");
// - the peak of their sum at the same instants, and that sum with espeak's file-backed pages left out:
//   those are mostly the node binary, which both processes map, the same memory counted twice by RSS
//   (a close approximation: espeak may touch a few pages of it that the render does not);
// - CPU (user + sys) of the render process and its children, and wall time, from /usr/bin/time.
// The 1-min load average is printed at each run's start. Prints markdown.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { options, requireNode, root } from "./lib.mjs";

requireNode("engine-memory.mjs");
const { opts, command } = options(
  "engine-memory.mjs",
  {
    runs: { type: "string", default: "3" },
    "song-seconds": { type: "string", default: "120" },
    baseline: { type: "string" },
  },
  ["runs", "song-seconds"],
);
const TIME = "/usr/bin/time";
if (!existsSync(TIME)) throw new Error("engine-memory.mjs needs /usr/bin/time");
const trees = [
  ...(opts.baseline ? [{ name: "baseline", dir: resolve(opts.baseline) }] : []),
  { name: "this tree", dir: root },
];
for (const { dir } of trees)
  if (!existsSync(join(dir, "engine/dist/render.mjs"))) throw new Error(`no engine build in ${dir}`);
const dir = mkdtempSync(join(tmpdir(), "engine-memory-"));

const status = (pid) => {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key) => Number(text.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
    return { rss: kb("VmRSS"), hwm: kb("VmHWM"), anon: kb("RssAnon") + kb("RssShmem") };
  } catch {
    return null;
  }
};
const children = (pid) => {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) =>
      readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
};

async function renderOnce(tree, format) {
  const timeFile = join(dir, "time.txt");
  const out = join(dir, `song.${format}`);
  const load = loadavg()[0];
  const argv = [
    "-f",
    "%e %U %S %M",
    "-o",
    timeFile,
    process.execPath,
    join(tree.dir, "engine/dist/render.mjs"),
    ...["--duration", String(opts["song-seconds"]), "--seed", "1", "--lang", "fr", "--style", "pop", "--out", out],
  ];
  const time = spawn(TIME, argv, { stdio: ["ignore", "ignore", "inherit"] });
  const peaks = { render: 0, espeak: 0, sum: 0, sumPrivate: 0 };
  const poll = () => {
    const render = children(time.pid)[0];
    if (!render) return;
    const r = status(render);
    if (!r) return;
    const e = children(render)
      .map(status)
      .filter(Boolean)
      .reduce((a, s) => ({ rss: a.rss + s.rss, hwm: Math.max(a.hwm, s.hwm), anon: a.anon + s.anon }), {
        rss: 0,
        hwm: 0,
        anon: 0,
      });
    peaks.render = Math.max(peaks.render, r.hwm);
    peaks.espeak = Math.max(peaks.espeak, e.hwm);
    peaks.sum = Math.max(peaks.sum, r.rss + e.rss);
    peaks.sumPrivate = Math.max(peaks.sumPrivate, r.rss + e.anon);
  };
  const timer = setInterval(poll, 10);
  const code = await new Promise((done) => time.once("close", done));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${tree.name}: the render exited with ${code}`);
  const [wall, user, sys, maxRssKb] = readFileSync(timeFile, "utf8").trim().split("\n").at(-1).split(/\s+/).map(Number);
  return { load, wall, cpu: user + sys, ...peaks, render: Math.max(peaks.render, maxRssKb) };
}

const runs = Number(opts.runs);
const results = new Map();
try {
  for (let run = 0; run < runs; run++)
    for (const format of ["wav", "mp3"])
      for (const tree of trees) {
        const key = `${tree.name}|${format}`;
        const r = await renderOnce(tree, format);
        results.set(key, [...(results.get(key) ?? []), r]);
        console.error(`[engine-memory] ${key} run ${run + 1}: ${JSON.stringify(r)}`);
      }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const mib = (kb) => (kb / 1024).toFixed(0);
const range = (values, f) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${f(sorted[0])} / ${f(sorted[Math.floor(sorted.length / 2)])} / ${f(sorted.at(-1))}`;
};
console.log(`Command: \`${command}\``);
console.log(
  `Load average (1/5/15 min) at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")}\n`,
);
console.log(
  "| Tree, file | peak RSS render process (MiB) | peak RSS espeak (MiB) | sum of the two peaks (MiB) | peak of the sum, same instant (MiB) | the same, espeak's file-backed pages counted once (MiB) | CPU, user + sys (s) | wall (s) | 1-min load at each run's start |",
);
console.log("| --- | --: | --: | --: | --: | --: | --: | --: | --- |");
const seconds = (v) => v.toFixed(2);
// Each figure's cells: what it reads from a run, and how it is shown.
const columns = [
  [(r) => r.render, mib],
  [(r) => r.espeak, mib],
  [(r) => r.render + r.espeak, mib],
  [(r) => r.sum, mib],
  [(r) => r.sumPrivate, mib],
  [(r) => r.cpu, seconds],
  [(r) => r.wall, seconds],
];
for (const [key, rs] of results) {
  const [tree, format] = key.split("|");
  console.log(
    `| ${tree}, ${format.toUpperCase()} | ${columns.map(([of, shown]) => range(rs.map(of), shown)).join(" | ")} | ${rs.map((r) => r.load.toFixed(1)).join(", ")} |`,
  );
}
console.log("\nEach cell: min / median / max over the runs.");
