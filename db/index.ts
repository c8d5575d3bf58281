import { getTableColumns, type Table } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export * from "./enums";
export * from "./schema";

/**
 * What this isolate has asked of D1 since it started: statements sent, and the rows D1's own counters report
 * (`meta.rows_read`/`rows_written`, absent from `raw()` reads, which write nothing). D1 serves one statement at a
 * time per database, so statements per song bound songs per day (docs/capacity.md; test/data-path.test.ts).
 */
export const d1Usage = { statements: 0, rowsRead: 0, rowsWritten: 0 };

type Meta = { meta?: { rows_read?: number; rows_written?: number } };
const tally = (results: unknown) => {
  for (const r of Array.isArray(results) ? results : [results]) {
    d1Usage.rowsRead += (r as Meta)?.meta?.rows_read ?? 0;
    d1Usage.rowsWritten += (r as Meta)?.meta?.rows_written ?? 0;
  }
  return results;
};

function metered(statement: D1PreparedStatement): D1PreparedStatement {
  const { bind, run, all, raw, first } = statement;
  const counted =
    (method: (...args: never[]) => Promise<unknown>) =>
    (...args: unknown[]) => {
      d1Usage.statements++;
      return method.apply(statement, args as never[]).then(tally);
    };
  return Object.assign(statement, {
    bind: (...values: unknown[]) => metered(bind.apply(statement, values)),
    run: counted(run),
    all: counted(all),
    raw: counted(raw),
    first: counted(first),
  }) as D1PreparedStatement;
}

function meteredDatabase(d1: D1Database): D1Database {
  return new Proxy(d1, {
    get(target, key) {
      if (key === "prepare") return (query: string) => metered(target.prepare(query));
      if (key === "batch")
        return async (statements: D1PreparedStatement[]) => {
          d1Usage.statements += statements.length;
          return tally(await target.batch(statements));
        };
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function database(d1: D1Database) {
  return drizzle(meteredDatabase(d1), { schema });
}
export type Database = ReturnType<typeof database>;

/** D1 binds at most this many values to one statement (its documented limit; local D1 enforces it too). */
const D1_MAX_BOUND_VALUES = 100;

/**
 * Rows for a multi-row insert into `table`, cut into groups that each bind at most D1's 100 values,
 * one insert statement per group (every column counted, whether the row sets it or not).
 */
export function insertGroups<T>(table: Table, rows: readonly T[]): T[][] {
  const perRow = Object.keys(getTableColumns(table)).length;
  const size = Math.max(1, Math.floor(D1_MAX_BOUND_VALUES / perRow));
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}
