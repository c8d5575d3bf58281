import { describe, expect, it } from "vitest";
import { jobStatuses, terminalStatuses } from "../../db";
import { decide, machine, type JobInput } from "./machine";

const inputs = Object.keys(machine) as JobInput["type"][];
const sample = (type: JobInput["type"]) => ({ type }) as JobInput;

describe("the job state machine", () => {
  it("lets nothing move a job out of a terminal state", () => {
    for (const status of terminalStatuses)
      for (const type of inputs) expect(decide({ status, providerTaskId: "t" }, sample(type)).accepted, `${type} on ${status}`).toBe(false);
  });

  it("debits only on success and refunds on every other ending", () => {
    const ending = (type: JobInput["type"], status: (typeof jobStatuses)[number]) => decide({ status, providerTaskId: null }, sample(type));
    expect(ending("delivered", "DELIVERING")).toEqual({ accepted: true, next: "SUCCEEDED", settle: "capture" });
    for (const type of ["failed", "cancel", "deadline"] as const)
      for (const status of ["QUEUED", "WRITING_LYRICS", "GENERATING_MUSIC", "POSTPROCESSING", "DELIVERING"] as const)
        expect(ending(type, status)).toMatchObject({ accepted: true, settle: "release" });
  });

  it("never moves a job backwards, but for a failover to the next engine or a new lyrics draft", () => {
    const order = jobStatuses.indexOf.bind(jobStatuses);
    for (const type of inputs) {
      const { from, to } = machine[type];
      if (to === "stay" || type === "failover" || type === "redraft") continue;
      for (const status of from) expect(order(to), `${type}: ${status} → ${to}`).toBeGreaterThan(order(status));
    }
  });

  it("keeps the first task id when a submission is repeated", () => {
    expect(decide({ status: "GENERATING_MUSIC", providerTaskId: null }, { type: "submitted", provider: "suno", taskId: "a" }).accepted).toBe(true);
    expect(decide({ status: "GENERATING_MUSIC", providerTaskId: "a" }, { type: "submitted", provider: "suno", taskId: "b" }).accepted).toBe(false);
  });
});
