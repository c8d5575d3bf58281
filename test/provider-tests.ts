// What the adapters' own tests share: reading the errors they throw, and steering a Suno-type simulator.
import { expect } from "vitest";
import { ProviderError } from "../providers/contract";

/** Fails the test unless `promise` rejects with a ProviderError of that kind. */
export async function expectKind(promise: Promise<unknown>, kind: ProviderError["kind"]): Promise<ProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  expect((err as ProviderError).kind).toBe(kind);
  return err as ProviderError;
}

/** A task as the Suno simulators record it. */
export interface SimTask {
  taskId: string;
  family: string;
  kind: string;
  request: Record<string, unknown>;
  headers: { authorization: string | null; cookie: string | null };
  polls: number;
  status: string;
}

/** The control routes of the Suno simulator (hosted API or wrapper) at `base`. */
export function simulatorControl(base: string) {
  return {
    async behave(patch: Record<string, unknown>): Promise<void> {
      const res = await fetch(`${base}/__sim/behaviour`, { method: "POST", body: JSON.stringify(patch) });
      expect(res.status, await res.text()).toBe(200);
    },
    async tasks(): Promise<SimTask[]> {
      return (await (await fetch(`${base}/__sim/tasks`)).json()) as SimTask[];
    },
  };
}
