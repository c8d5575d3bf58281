import { type Database, database } from "../db";
import { randomToken } from "./auth/random";
import { notFound } from "./http/errors";

// Rows are headed for shards, one D1 database each (docs/capacity.md, "The way past one database"). Every id and
// token handed out names its shard, so a job, a take, a gift or a share link finds its database without a lookup:
// `job_<shard>_<uuid>`, `trk_<shard>_<uuid>_<take>`, `gft_<shard>_<uuid>`, `prj_<shard>_<uuid>`, tokens
// `<shard>.<random>`. Ids and tokens made before shards existed name none: they are shard 0's, forever.

/** Each shard's database binding, by shard number. One database holds everything today: shard 0 is `DB`. */
const shardBindings: readonly ((env: Env) => D1Database)[] = [(env) => env.DB];

/** Where new rows go. */
export const NEW_ROWS_SHARD = 0;

/** The kinds of id that name a shard, by their prefix, with what a 404 calls them. */
const kinds = { job: "Job", trk: "Track", gft: "Gift", prj: "Project" } as const;
export type IdKind = keyof typeof kinds;

const known = (shard: string) => {
  const n = Number(shard);
  // One spelling per shard ("07" is no shard), and only shards that exist.
  return String(n) === shard && n < shardBindings.length ? n : null;
};

/** The shard an id names; null when it is not an id of this kind, or names a shard that does not exist. */
export function shardOfId(kind: IdKind, id: string): number | null {
  if (!id.startsWith(`${kind}_`) || id.length === kind.length + 1) return null;
  // An old id is `<kind>_<uuid>`: a uuid has no underscore, so digits then one mean a shard.
  const shard = /^(\d+)_./.exec(id.slice(kind.length + 1))?.[1];
  return shard === undefined ? 0 : known(shard);
}

/** The shard a gift or share token names (old tokens are URL-safe base64, which has no dot: shard 0). */
export function shardOfToken(token: string): number | null {
  const named = /^(\d+)\.([\w-]+)$/.exec(token);
  if (named) return known(named[1]!);
  return /^[\w-]+$/.test(token) ? 0 : null;
}

const databases = new WeakMap<D1Database, Database>();
function shardDatabase(env: Env, shard: number): Database {
  const d1 = shardBindings[shard]!(env);
  let db = databases.get(d1);
  if (!db) databases.set(d1, (db = database(d1)));
  return db;
}

/**
 * The database holding the row an id names: the one place an id becomes a database. An id that names no shard
 * (not an id of this kind, or a shard that does not exist) is answered like an id of nothing: 404.
 */
export function databaseOf(env: Env, kind: IdKind, id: string): Database {
  const shard = shardOfId(kind, id);
  if (shard === null) throw notFound(kinds[kind]);
  return shardDatabase(env, shard);
}

/** The database holding the gift or share behind a token; a token that names no shard is a 404 (`what` not found). */
export function databaseOfToken(env: Env, token: string, what: string): Database {
  const shard = shardOfToken(token);
  if (shard === null) throw notFound(what);
  return shardDatabase(env, shard);
}

/** A new id of this kind, naming the shard its rows go to. */
export const newId = (kind: IdKind, shard = NEW_ROWS_SHARD) => `${kind}_${shard}_${crypto.randomUUID()}`;

/** A take's id: its job's, so it names the same shard (`job_0_<uuid>` → `trk_0_<uuid>_1`). */
export const takeId = (jobId: string, takeIndex: number) => `trk_${jobId.slice("job_".length)}_${takeIndex}`;

/** A new gift or share token: 256 random bits, after the shard it names. */
export const newToken = (shard = NEW_ROWS_SHARD) => `${shard}.${randomToken()}`;
