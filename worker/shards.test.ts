import { describe, expect, it } from "vitest";
import { newId, newToken, shardOfId, shardOfToken, takeId } from "./shards";

describe("the shard an id names", () => {
  it("reads shard 0 from new ids and tokens, and from a take's id made from its job's", () => {
    const job = newId("job");
    expect(shardOfId("job", job)).toBe(0);
    expect(shardOfId("trk", takeId(job, 1))).toBe(0);
    expect(shardOfId("gft", newId("gft"))).toBe(0);
    expect(shardOfToken(newToken())).toBe(0);
  });

  it("gives ids and tokens from before shards to shard 0, even a uuid that starts with digits", () => {
    expect(shardOfId("job", "job_12345678-90ab-4cde-8f01-234567890abc")).toBe(0);
    expect(shardOfId("trk", "trk_12345678-90ab-4cde-8f01-234567890abc_1")).toBe(0);
    expect(shardOfToken("12_Ab-cdEFghIJklMNopQRstUVwxYZ0123456789abc")).toBe(0);
  });

  it("names no shard for another kind's id, a shard that does not exist, or one spelt two ways", () => {
    expect(shardOfId("job", takeId(newId("job"), 0))).toBeNull();
    expect(shardOfId("job", "job_")).toBeNull();
    expect(shardOfId("job", "job_1_0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9")).toBeNull();
    expect(shardOfId("job", "job_00_0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9")).toBeNull();
    expect(shardOfToken("3.Ab-cdEFghIJklMNopQRstUVwxYZ0123456789abc")).toBeNull();
    expect(shardOfToken("0.not a token")).toBeNull();
  });
});
