import type { Kysely, Transaction } from 'kysely';
import { DEMO_ROLE_TEAMS, type Role } from '../domain/access/index.ts';
import { standardReviewForm } from '../domain/oversight/index.ts';
import { toActor, type RequestContext } from '../platform/auth/actor.ts';
import type { Database } from '../platform/db/schema.ts';
import { finaliseIn } from '../features/investigation/service.ts';
import * as repo from '../features/oversight/repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface SeedOversightOptions {
  /** The seeded generator shared by the demo data. */
  random: () => number;
  /** Demo user ids by username (role code). */
  users: ReadonlyMap<string, string>;
  progress?: (step: string, done: number, total: number) => void;
}

function contextFor(users: ReadonlyMap<string, string>, role: Role): RequestContext | null {
  const id = users.get(role);
  if (!id) return null;
  return { actor: toActor({ id, username: role, displayName: `${role} (demo)`, roles: [role], teams: [DEMO_ROLE_TEAMS[role]], isService: false }), requestId: 'demo-seed' };
}

const OUTCOMES = [1, 16, 18] as const;
const RATIONALE = 'All proportionate lines of enquiry were completed and reviewed by a detective sergeant; the decision and the reasons were explained to the victim.';
const HOUR = 3_600_000;

/**
 * Oversight demo data: the open, unrestricted demo cases that have no outcome yet are
 * finalised by a detective sergeant (outcomes 1, 16 and 18 in turn; 15 instead of 18
 * where a suspect is named, which outcome 18 forbids); then a saved panel
 * sample of them (seed "northshire-panel"), one completed panel review, an observation
 * with no force response yet, and two recommendations in the register (one overdue).
 * Run after the demo reports and victim care. Does nothing when there are no cases.
 */
export async function seedOversight(tx: Db, options: SeedOversightOptions): Promise<void> {
  const progress = options.progress ?? (() => undefined);
  const officer = contextFor(options.users, 'detective-sergeant');
  const lead = options.users.get('force-lead');
  const panel = options.users.get('scrutiny-panel-member');
  if (!officer || !lead || !panel) return;
  const open = await tx
    .selectFrom('cases as c')
    .leftJoin('victim_case_outcomes as o', 'o.case_id', 'c.id')
    .select(['c.id', 'c.created_at', 'c.version', 'c.suspect_person_id'])
    .where('c.status', '=', 'open')
    .where('c.restricted', '=', false)
    .where('c.merged_into_case_id', 'is', null)
    .where('o.case_id', 'is', null)
    .orderBy('c.reference')
    .limit(9)
    .execute();
  if (open.length === 0) return;
  for (const [i, c] of open.entries()) {
    const chosen = OUTCOMES[i % OUTCOMES.length]!;
    const outcome = chosen === 18 && c.suspect_person_id ? 15 : chosen;
    await finaliseIn(
      tx,
      officer,
      c.id,
      {
        outcome,
        rationale: RATIONALE,
        investigationDone: true,
        victimUsesSupportServices: false,
        ...(outcome === 16
          ? { outcome16: { victimReasons: 'She wants the contact to stop but does not want to go to court.', statementOfReasons: true, specialistSupportOffered: true, evidenceLedConsidered: true, followUpContactDate: '2026-12-15' } }
          : {}),
        version: c.version,
      },
      new Date(c.created_at.getTime() + (240 + i) * HOUR),
    );
    progress('Final outcomes', i + 1, open.length);
  }
  const population = await repo.samplingPopulation(tx);
  const chosen = population.slice(0, 6);
  const at = new Date(Math.max(...open.map((c) => c.created_at.getTime())) + 300 * HOUR);
  const request = { criteria: {}, strata: [], quotas: [], size: chosen.length, seed: 'northshire-panel' };
  const sampleId = await repo.insertSample(tx, {
    title: 'Northshire scrutiny panel (demo)',
    request,
    result: { eligible: population.length, strata: [{ label: 'All eligible cases', target: chosen.length, available: population.length, selected: chosen.length, shortfall: 0 }], quotas: [], warnings: [] },
    by: lead,
    at,
    cases: chosen.map((c) => ({ caseId: c.id, stratum: 'All eligible cases' })),
  });
  const [first] = await repo.sampleCases(tx, sampleId);
  if (first) {
    await repo.insertReview(
      tx,
      first.id,
      panel,
      {
        answers: standardReviewForm.questions.map((q, i) =>
          i === 0 ? { questionId: q.id, rating: 'not_met', comment: 'Officers attended two days after the first call.' } : { questionId: q.id, rating: i % 4 === 0 ? 'partly_met' : 'met' },
        ),
        victimAtRiskNow: false,
        riskConcern: null,
        summary: 'A slow first response, then a thorough investigation with regular updates to the victim.',
      },
      new Date(at.getTime() + 24 * HOUR),
    );
  }
  await repo.insertObservation(tx, { sampleId, text: 'In several cases the victim had to chase for updates in the first week.', by: panel, at: new Date(at.getTime() + 25 * HOUR) });
  await repo.insertRecommendation(tx, {
    sourceKind: 'inspection',
    sourceTitle: 'Living in fear (HMIC and HMCPSI, 2017)',
    sourceReference: 'Recommendation 11',
    sampleId: null,
    text: 'Monitor compliance with the national stalking protocol.',
    owner: 'Head of Crime',
    dueOn: '2025-06-30',
    by: lead,
    at,
  });
  await repo.insertRecommendation(tx, {
    sourceKind: 'scrutiny_panel',
    sourceTitle: 'Northshire scrutiny panel (demo)',
    sourceReference: 'Observation 1',
    sampleId,
    text: 'Make the first victim update within one working day of every report.',
    owner: 'Head of the stalking coordination unit',
    dueOn: '2027-03-31',
    by: lead,
    at,
  });
  progress('Oversight', 1, 1);
}
