import type { Kysely, Transaction } from 'kysely';
import { DEMO_ROLE_TEAMS, type Role } from '../domain/access/index.ts';
import { toActor, type RequestContext } from '../platform/auth/actor.ts';
import type { Database } from '../platform/db/schema.ts';
import { getCase, reportsOfCase } from '../features/cases/repository.ts';
import { addLogEntryIn, allocateIn, finaliseIn, generatePlanIn, offenceOf, recordS2bIn, recordSuspectActionIn, POLICY } from '../features/investigation/service.ts';
import { recommendAllocation } from '../domain/investigation/index.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface SeedInvestigationOptions {
  /** The seeded generator shared by the demo data. */
  random: () => number;
  /** Demo user ids by username (role code). */
  users: ReadonlyMap<string, string>;
  progress?: (step: string, done: number, total: number) => void;
}

const HOUR = 3_600_000;

function contextFor(users: ReadonlyMap<string, string>, role: Role): RequestContext | null {
  const id = users.get(role);
  if (!id) return null;
  const actor = toActor({ id, username: role, displayName: `${role} (demo)`, roles: [role], teams: [DEMO_ROLE_TEAMS[role]], isService: false });
  return { actor, requestId: 'demo-seed' };
}

const TRIAGE = {
  threat: { level: 'medium', text: 'Repeated contact and attendance at her workplace; no threats of violence so far.' },
  risk: { level: 'medium', text: 'Risk assessment graded; the suspect knows where she works.' },
  harm: { level: 'high', text: 'She has changed her route and stopped going out alone.' },
  complexity: { level: 'low', text: 'One suspect, digital evidence on her phone.' },
} as const;

/**
 * Investigation on four open, unrestricted stalking cases after the three victim care uses
 * (by reference), timed from each case's first report so it is the same on every run:
 * 1. triaged and allocated as the policy recommends, a plan, SPOC advice and a supervisor review;
 * 2. allocated, the suspect arrested and bailed (victim consulted), the s2B warrant considered and not used;
 * 3. allocated and finalised with outcome 16 with its five items;
 * 4. left for triage (its triage task stays open).
 * Does nothing when there are no such cases, so call it after the demo reports and victim care.
 */
export async function seedInvestigation(tx: Db, options: SeedInvestigationOptions): Promise<void> {
  const progress = options.progress ?? (() => undefined);
  const sergeant = contextFor(options.users, 'detective-sergeant');
  const investigator = contextFor(options.users, 'investigator');
  const spoc = contextFor(options.users, 'stalking-champion');
  if (!sergeant || !investigator || !spoc) return;
  const candidates = await tx.selectFrom('cases').select('id').where('status', '=', 'open').where('restricted', '=', false).where('merged_into_case_id', 'is', null).orderBy('reference').offset(3).limit(40).execute();
  const chosen: Array<{ id: string; start: Date; team: string }> = [];
  for (const { id } of candidates) {
    const record = await getCase(tx, id);
    const reports = await reportsOfCase(tx, id);
    const offence = record ? offenceOf(record, reports) : null;
    if (!record || !offence || !POLICY.stalkingOffences.includes(offence) || reports.length === 0) continue;
    const recommended = recommendAllocation({
      offence,
      domesticAbuse: record.domesticAbuse,
      intimateOrExPartner: reports.some((r) => r.relationship === 'current-intimate-partner' || r.relationship === 'ex-intimate-partner'),
      adultAtRisk: reports.some((r) => r.indicators.includes('adult-at-risk')),
      honourBasedAbuse: reports.some((r) => r.indicators.includes('honour-based-abuse')),
      coerciveControlPersonallyConnected: false,
      escalation: { prolongedCourseOfConduct: false, significantCumulativeImpact: false, escalating: false },
      riskGrade: 'standard',
    }).investigatingTeam;
    if (!recommended) continue;
    chosen.push({ id, start: reports[0]!.reportedAt, team: recommended });
    if (chosen.length === 4) break;
  }
  for (const [index, c] of chosen.entries()) {
    if (index === 3) break;
    const at = (hours: number) => new Date(c.start.getTime() + hours * HOUR);
    await allocateIn(
      tx,
      sergeant,
      c.id,
      { triage: TRIAGE, rationale: 'Allocated as the force policy recommends after triage at the daily management meeting.', investigatingTeam: c.team as never, officerUserId: investigator.actor.id },
      at(20),
    );
    await generatePlanIn(tx, investigator, c.id, {}, at(24));
    if (index === 0) {
      await addLogEntryIn(tx, spoc, c.id, { entryType: 'spoc-advice', text: 'Arrest rather than a voluntary interview; consider a stalking protection order; download the phone properly, not screenshots.', riskGradeEndorsed: false, planEndorsed: false }, at(30));
      await addLogEntryIn(tx, sergeant, c.id, { entryType: 'supervisor-review', text: 'Plan reviewed: enquiries proportionate; chase the CCTV today.', riskGradeEndorsed: true, planEndorsed: true }, at(48));
    }
    if (index === 1) {
      await recordSuspectActionIn(tx, investigator, c.id, { action: 'arrest', occurredAt: at(40), conditions: [], historic: false }, at(40));
      await recordSuspectActionIn(
        tx,
        investigator,
        c.id,
        {
          action: 'bail',
          occurredAt: at(46),
          conditions: ['No contact with the victim directly or indirectly', 'Not to attend her workplace'],
          victimConsulted: true,
          victimConsultationNote: 'She asked that he stays away from her workplace and does not message her.',
          historic: false,
        },
        at(46),
      );
      const day = (hours: number) => at(hours).toISOString().slice(0, 10);
      await recordS2bIn(tx, investigator, c.id, { state: 'considered', on: day(48) }, at(48));
      await recordS2bIn(tx, investigator, c.id, { state: 'not-used', on: day(49), text: 'All the evidence is on her phone and his account data; nothing to search for at his address.' }, at(49));
    }
    if (index === 2) {
      await finaliseIn(
        tx,
        sergeant,
        c.id,
        {
          outcome: 16,
          rationale: 'The victim does not support a prosecution. Enquiries found no independent evidence strong enough to prosecute without her, so an evidence-led case is not viable.',
          investigationDone: true,
          victimUsesSupportServices: false,
          outcome16: {
            victimReasons: 'She fears the effect of court on her children and wants to move on.',
            statementOfReasons: true,
            specialistSupportOffered: true,
            evidenceLedConsidered: true,
            followUpContactDate: at(24 * 35).toISOString().slice(0, 10),
          },
        },
        at(24 * 7),
      );
    }
    progress('investigation', index + 1, Math.min(3, chosen.length));
  }
}
