// The gift cover's fonts (SIL Open Font License 1.1) and their licences, copied from their npm packages into worker/gifts/fonts/ (`npm run gift:fonts`;
// `-- --check` only compares). The copies are committed and named .ttf.bin: `.bin` is the one extension that
// wrangler's bundler, the Cloudflare Vite plugin and @cloudflare/vitest-plugin all import as an ArrayBuffer
// without configuration, and the Vite plugin accepts no custom module rules for `.ttf`.
import { copyFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const target = new URL("../worker/gifts/fonts/", import.meta.url);
const fonts = [
  { pkg: "@expo-google-fonts/fraunces", file: "700Bold/Fraunces_700Bold.ttf", copy: "fraunces-700.ttf.bin" },
  { pkg: "@expo-google-fonts/fraunces", file: "LICENSE_FONT", copy: "Fraunces-OFL.txt" },
  { pkg: "@expo-google-fonts/dm-sans", file: "500Medium/DMSans_500Medium.ttf", copy: "dm-sans-500.ttf.bin" },
  { pkg: "@expo-google-fonts/dm-sans", file: "LICENSE_FONT", copy: "DMSans-OFL.txt" },
];
const check = process.argv.includes("--check");
let stale = 0;
for (const font of fonts) {
  const source = join(dirname(require.resolve(`${font.pkg}/package.json`)), font.file);
  const destination = new URL(font.copy, target);
  if (!check) copyFileSync(source, destination);
  else if (!readFileSync(source).equals(readFileSync(destination))) {
    console.error(`${font.copy} differs from ${font.pkg}/${font.file}`);
    stale++;
  }
}
process.exit(stale ? 1 : 0);
