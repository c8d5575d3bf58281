// What the first large deliveries of a fresh workerd cost in memory, and which part of it is ours.
//
//   npx node bench/delivery-memory.mjs [--plans "sized,sized;bare,bare,sized;…"]
//
// Each plan runs in a fresh workerd (one `vitest run` of a generated test file in the worker project):
// its steps run in order, each moving one 50 MB file from the large-audio server
// (test/simulators/large-audio.ts), and each step's peak resident memory above where the workerd
// process stood before it is read from /proc. Steps:
//   sized     storeAudio with a Content-Length (the product's delivery)
//   unsized   storeAudio without one (R2 multipart)
//   bare      fetch piped into a FixedLengthStream read by R2 put: no Worker code on the bytes' way
//   digest    fetch piped into crypto.DigestStream: no R2
//   tee       fetch tee()d into two crypto.DigestStreams: no R2
//   small     a 1 KB R2 put (R2 used once, nothing large moved)
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { options, requireNode, root } from "./lib.mjs";

requireNode("delivery-memory.mjs");
const { opts, command } = options("delivery-memory.mjs", {
  plans: {
    type: "string",
    default: "sized,sized;small,sized;bare,bare,sized;small,bare;digest,digest;tee;unsized,unsized",
  },
});

const testFile = (plan) => `import { env } from "cloudflare:workers";
import { inject, it } from "vitest";
import { storeAudio } from "../worker/queues/delivery-step";

const FILE_BYTES = 50 * 1024 * 1024;
const cdn = inject("largeAudioUrl");
const withCdn = { ...env, AUDIO_FETCH_HOSTS: new URL(cdn).host } as Env;
const url = \`\${cdn}/audio/\${FILE_BYTES}.mp3\`;
const meter = async (path: string) =>
  ((await (await fetch(\`\${cdn}\${path}\`)).json()) as { processes: { pid: number; rssKb: number; peakKb: number }[] }).processes;
const job = () => ({ id: \`job_\${crypto.randomUUID()}\`, userId: "usr_memory" });
const steps: Record<string, () => Promise<unknown>> = {
  sized: () => storeAudio(withCdn, job(), 0, url),
  unsized: () => storeAudio(withCdn, job(), 0, \`\${url}?unsized\`),
  bare: async () => {
    const fixed = new FixedLengthStream(FILE_BYTES);
    const put = env.AUDIO.put(\`bare-\${crypto.randomUUID()}\`, fixed.readable);
    await (await fetch(url)).body!.pipeTo(fixed.writable);
    await put;
  },
  digest: async () => (await fetch(url)).body!.pipeTo(new crypto.DigestStream("SHA-256")),
  tee: async () => {
    const [a, b] = (await fetch(url)).body!.tee();
    await Promise.all([a.pipeTo(new crypto.DigestStream("SHA-256")), b.pipeTo(new crypto.DigestStream("SHA-256"))]);
  },
  small: () => env.AUDIO.put(\`small-\${crypto.randomUUID()}\`, "x".repeat(1024)),
};
it("measures", async () => {
  for (const step of ${JSON.stringify(plan)}) {
    const before = await meter("/memory/reset");
    await steps[step]!();
    const after = await meter("/memory");
    const added = Math.max(...after.map((p) => p.peakKb - (before.find((b) => b.pid === p.pid)?.rssKb ?? p.peakKb)));
    console.log(\`STEP \${step} \${(added / 1024).toFixed(1)}\`);
  }
}, 600_000);
`;

const file = join(root, "test", "delivery-memory-bench.generated.test.ts");
const rows = [];
try {
  for (const plan of opts.plans.split(";").map((p) => p.split(","))) {
    writeFileSync(file, testFile(plan));
    const load = loadavg()[0];
    const r = spawnSync(
      "npx",
      ["vitest", "run", "--project", "worker", "--silent=false", "test/delivery-memory-bench.generated.test.ts"],
      { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 },
    );
    const steps = [...`${r.stdout}${r.stderr}`.matchAll(/STEP (\w+) ([\d.]+)/g)].map((m) => `${m[1]} +${m[2]} MB`);
    if (steps.length !== plan.length)
      throw new Error(`plan ${plan} failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
    rows.push(`| ${plan.join(", ")} | ${steps.join(" → ")} | ${load.toFixed(2)} |`);
    console.error(rows.at(-1));
  }
} finally {
  rmSync(file, { force: true });
}
console.log(`Command: \`${command}\`
Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.versions.node}; each plan in a fresh workerd (vitest-pool-workers, local R2); peak resident memory of the workerd process above where it stood before each step, 50 MB files.

| Steps, in order, in a fresh workerd | Added memory at each step | 1-min load average |
|---|---|---:|
${rows.join("\n")}`);
