import type { TableSpec } from '../loader.ts';
import type { CaseDraft, SynthContext } from '../context.ts';

/**
 * One group of tables the generator fills. `tables` lists them parents first. `begin`
 * runs once before any case (people); `emit` writes the rows of one planned case.
 * A new capability adds a file with its group and one line in `groups/index.ts`.
 */
export interface SynthGroup {
  name: string;
  tables: TableSpec[];
  begin?(ctx: SynthContext, progress: (done: number, total: number) => Promise<void>): Promise<void>;
  emit?(ctx: SynthContext, kase: CaseDraft): void;
}
