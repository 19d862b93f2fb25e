import { caseworkGroup } from './casework.ts';
import { conductGroup } from './conduct.ts';
import { makeOrdersGroup } from './orders.ts';
import { peopleGroup } from './people.ts';
import { makeRiskGroup } from './risk.ts';
import { tasksGroup } from './tasks.ts';
import type { SynthGroup } from './types.ts';
import { victimsGroup } from './victims.ts';

/**
 * Every table group, parents first (the loader writes tables in this order). To add the
 * tables of a new capability (investigation 0007, orders management 0008...), write
 * `groups/<area>.ts` exporting a SynthGroup and add it here after the groups it refers to.
 */
export function synthGroups(): SynthGroup[] {
  return [peopleGroup, caseworkGroup, makeOrdersGroup(), tasksGroup, conductGroup, makeRiskGroup(), victimsGroup];
}
