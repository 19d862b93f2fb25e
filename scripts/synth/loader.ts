import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema.ts';

/** A table the generator fills: its name and its columns with their PostgreSQL types. */
export interface TableSpec {
  name: string;
  columns: ReadonlyArray<readonly [column: string, type: string]>;
}

export type Cell = string | number | boolean | Date | null | undefined | readonly unknown[] | object;

/** One value as PostgreSQL text input: JSON for json columns, arrays as array literals, objects as JSON. */
export function cellText(value: Cell, type = 'text'): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (type === 'jsonb' || type === 'json') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `{${(value as string[]).map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Bulk loading that works the same on PostgreSQL and PGlite: rows are buffered per table
 * and written as `insert … select … from unnest($1::text[], $2::text[], …)`, one array per
 * column, a few thousand rows a statement, parents before children. One flush runs while
 * the generator prepares the next batch. When foreign keys are not checked row by row,
 * a flush is split across `lanes` connections by size (each lane its own transaction), so
 * PostgreSQL writes with more than one backend: one backend inserting was the limit.
 */
export class BulkLoader {
  private readonly buffers = new Map<string, { spec: TableSpec; columns: Array<Array<string | null>>; rows: number }>();
  private buffered = 0;
  private inFlight: Promise<void> | undefined;
  private failure: unknown;
  readonly written = new Map<string, number>();
  /** Milliseconds spent writing each table. */
  readonly timings = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    /** Every table, parents first: the order rows are written in. */
    tables: readonly TableSpec[],
    private readonly batchRows = 20_000,
    /**
     * Skip foreign key triggers while loading (session_replication_role = replica; needs a
     * superuser). The generator only writes rows whose parents it wrote first, in order.
     */
    private readonly skipTriggers = false,
    /** Connections a flush is spread over; more than one only when skipping triggers. */
    private readonly lanes = 1,
  ) {
    for (const spec of tables) {
      if (this.buffers.has(spec.name)) throw new Error(`Table ${spec.name} is registered twice`);
      this.buffers.set(spec.name, { spec, columns: spec.columns.map(() => []), rows: 0 });
      this.written.set(spec.name, 0);
    }
  }

  add(table: TableSpec, row: readonly Cell[]): void {
    const buffer = this.buffers.get(table.name);
    if (!buffer) throw new Error(`Table ${table.name} is not registered with the loader`);
    if (row.length !== table.columns.length) throw new Error(`${table.name}: ${row.length} values for ${table.columns.length} columns`);
    row.forEach((value, i) => buffer.columns[i]!.push(cellText(value, table.columns[i]![1])));
    buffer.rows++;
    this.buffered++;
  }

  /** Starts writing what is buffered once there is enough; waits only for the previous write. */
  async maybeFlush(): Promise<void> {
    if (this.buffered < this.batchRows) return;
    await this.flush(false);
  }

  /** Writes everything still buffered and waits for it. */
  async finish(): Promise<void> {
    await this.flush(true);
  }

  private async flush(wait: boolean): Promise<void> {
    if (this.inFlight) await this.inFlight;
    if (this.failure) throw this.failure;
    const batches: Batch[] = [...this.buffers.values()].filter((b) => b.rows > 0).map((b) => ({ spec: b.spec, columns: b.columns, rows: b.rows }));
    for (const b of this.buffers.values()) {
      b.columns = b.spec.columns.map(() => []);
      b.rows = 0;
    }
    this.buffered = 0;
    if (batches.length === 0) return;
    this.inFlight = this.write(batches).catch((error: unknown) => {
      this.failure = error;
    });
    if (wait) {
      await this.inFlight;
      this.inFlight = undefined;
      if (this.failure) throw this.failure;
    }
  }

  private async write(batches: Batch[]): Promise<void> {
    // With foreign keys checked, parents must commit before children: one lane, in order.
    const lanes = this.skipTriggers ? splitIntoLanes(batches, this.lanes) : [batches];
    const results = await Promise.allSettled(lanes.map((lane) => this.writeLane(lane)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async writeLane(batches: Batch[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.executeQuery(CompiledQuery.raw('set local synchronous_commit = off'));
      if (this.skipTriggers) await tx.executeQuery(CompiledQuery.raw('set local session_replication_role = replica'));
      for (const batch of batches) {
        const chunk = 5000;
        const began = performance.now();
        for (let from = 0; from < batch.rows; from += chunk) {
          const to = Math.min(batch.rows, from + chunk);
          await tx.executeQuery(CompiledQuery.raw(insertText(batch.spec), batch.columns.map((values) => values.slice(from, to))));
        }
        this.written.set(batch.spec.name, (this.written.get(batch.spec.name) ?? 0) + batch.rows);
        this.timings.set(batch.spec.name, (this.timings.get(batch.spec.name) ?? 0) + performance.now() - began);
      }
    });
  }
}

interface Batch {
  spec: TableSpec;
  columns: Array<Array<string | null>>;
  rows: number;
}

/** Deals batches (largest first, by characters to send) to the lane with the least so far. */
export function splitIntoLanes(batches: readonly Batch[], lanes: number): Batch[][] {
  if (lanes <= 1 || batches.length <= 1) return [[...batches]];
  const size = (b: Batch) => b.columns.reduce((sum, values) => sum + values.reduce((n, v) => n + (v?.length ?? 0) + 1, 0), 0);
  const sized = batches.map((b) => ({ b, n: size(b) })).sort((x, y) => y.n - x.n);
  const out = Array.from({ length: Math.min(lanes, batches.length) }, () => ({ batches: [] as Batch[], n: 0 }));
  for (const { b, n } of sized) {
    const lightest = out.reduce((min, lane) => (lane.n < min.n ? lane : min));
    lightest.batches.push(b);
    lightest.n += n;
  }
  return out.map((lane) => lane.batches);
}

const statements = new Map<string, string>();

function insertText(spec: TableSpec): string {
  let text = statements.get(spec.name);
  if (!text) {
    const names = spec.columns.map(([c]) => c).join(', ');
    const casts = spec.columns.map(([, type], i) => `u.c${i}::${type}`).join(', ');
    const arrays = spec.columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
    const aliases = spec.columns.map((_, i) => `c${i}`).join(', ');
    text = `insert into ${spec.name} (${names}) select ${casts} from unnest(${arrays}) as u(${aliases})`;
    statements.set(spec.name, text);
  }
  return text;
}

/**
 * Runs `work` over the items with at most `lanes` at a time, in order of starting. After a
 * failure no lane starts another item; the first error is thrown once all have stopped.
 */
export async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, lane));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}
