import type { TestProject } from "vitest/node";
import { startSunoSimulator } from "./simulators/suno";

// The simulators are Node servers on loopback; the Worker under test reaches them with plain fetch.
export default async function setup(project: TestProject) {
  const suno = await startSunoSimulator();
  project.provide("sunoUrl", suno.url);
  return async () => {
    await suno.close();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    sunoUrl: string;
  }
}
