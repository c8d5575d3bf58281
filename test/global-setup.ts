import type { TestProject } from "vitest/node";
import { startLargeAudioServer } from "./simulators/large-audio";

// The large-audio CDN keeps no state a test sets, so the whole run shares one. The simulators a test
// drives start once per test file instead (test/simulators/per-file.ts, test/simulators/set.ts).
export default async function setup(project: TestProject) {
  const largeAudio = await startLargeAudioServer();
  project.provide("largeAudioUrl", largeAudio.url);
  return () => largeAudio.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    // Given to the Worker's bindings per test file by test/simulators/per-file.ts.
    engineVars: Record<string, string>;
    turnstileUrl: string;
    receiverUrl: string;
    stripeUrl: string;
    largeAudioUrl: string;
  }
}
