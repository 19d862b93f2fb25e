import type { Kysely, Transaction } from 'kysely';
import { DEMO_ROLE_TEAMS, type Role } from '../domain/access/index.ts';
import { toActor } from '../platform/auth/actor.ts';
import type { RequestContext } from '../platform/auth/actor.ts';
import type { Database } from '../platform/db/schema.ts';
import * as repo from '../features/victims/repository.ts';
import { londonDateOf } from '../domain/calendar/index.ts';
import { finaliseIn } from '../features/investigation/service.ts';
import { recordContactIn, recordNotifiableEvent, saveWithdrawalIn } from '../features/victims/service.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface SeedVictimsOptions {
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

/**
 * Victim care on the first three open, unrestricted demo cases (by reference), timed from
 * each case's first report so it is the same on every run:
 * 1. a named officer, communication needs, an arrest the victim was told about late after
 *    chasing, a Paladin referral taken up and a safety pack given;
 * 2. bail granted without consulting the victim, with the updates still owed (overdue);
 * 3. finalised as outcome 16 by a detective sergeant, then the victim says she now
 *    supports a prosecution (scenario P12).
 * Does nothing when there are no cases yet, so call it after the demo reports.
 */
export async function seedVictims(tx: Db, options: SeedVictimsOptions): Promise<void> {
  const progress = options.progress ?? (() => undefined);
  const officer = contextFor(options.users, 'investigator');
  const spoc = contextFor(options.users, 'stalking-champion');
  if (!officer || !spoc) return;
  const cases = await tx.selectFrom('cases').select('id').where('status', '=', 'open').where('restricted', '=', false).orderBy('reference').limit(3).execute();
  for (const [index, { id: caseId }] of cases.entries()) {
    const victims = await repo.victimsOfCase(tx, caseId);
    const victim = victims[0];
    if (!victim) continue;
    const first = await tx
      .selectFrom('reports as r')
      .innerJoin('case_reports as cr', 'cr.report_id', 'r.id')
      .select('r.reported_at')
      .where('cr.case_id', '=', caseId)
      .orderBy('r.reported_at')
      .executeTakeFirst();
    const start = first?.reported_at ?? new Date('2025-01-06T09:00:00Z');
    const at = (hours: number) => new Date(start.getTime() + hours * HOUR);
    const contact = (hours: number, fields: Partial<Parameters<typeof recordContactIn>[3]> & { discussed: string }) =>
      recordContactIn(tx, officer, caseId, {
        personId: victim.personId,
        at: at(hours),
        initiatedBy: 'police',
        chasingUpdate: false,
        method: 'phone',
        safetyAdvice: null,
        victimWish: null,
        toldAbout: [],
        ...fields,
      }, at(hours));

    await repo.ensureProfiles(tx, caseId, [victim.personId]);
    const profile = (await repo.profilesOfCase(tx, caseId)).find((p) => p.personId === victim.personId)!;
    const contactUser = index === 1 ? spoc.actor.id : officer.actor.id;
    await repo.updateProfile(
      tx,
      profile.id,
      profile.version,
      {
        raisedToEnhanced: false,
        raiseReason: null,
        language: index === 2 ? 'Polish' : null,
        interpreterNeeded: index === 2,
        preferredMethod: index === 0 ? 'text' : 'phone',
        safeTimes: index === 0 ? 'Weekdays after 6pm' : null,
        safeToLeaveMessage: index === 0 ? false : null,
        otherNeeds: null,
        contactUserId: contactUser,
        contactRole: index === 1 ? 'spoc' : 'officer-in-case',
      },
      officer.actor.id,
      at(3),
    );
    await repo.insertHandover(tx, { caseId, personId: victim.personId, fromUserId: null, toUserId: contactUser, role: index === 1 ? 'spoc' : 'officer-in-case', reason: null, at: at(3), by: officer.actor.id });

    if (index === 0) {
      const arrest = await recordNotifiableEvent(tx, officer, { caseId, event: 'arrest', at: at(26) });
      await contact(70, { initiatedBy: 'victim', chasingUpdate: true, method: 'text', discussed: 'Texted to ask whether he had been arrested yet.' });
      await contact(72, {
        discussed: 'Told her about the arrest and the next steps; explained the investigation timeline.',
        safetyAdvice: 'Keep a diary, screenshot every message, vary the route to work.',
        toldAbout: arrest.duties.map((d) => d.dutyId),
      });
      const referral = await repo.insertReferral(tx, { caseId, personId: victim.personId, serviceCode: 'paladin', status: 'offered', consent: false, consentNote: null, outcome: null, by: spoc.actor.id, at: at(72) });
      await repo.updateReferral(tx, referral, 1, { status: 'made', consent: true, consentNote: 'Agreed on the phone.', consentNewlyGiven: true, outcome: null, at: at(73) });
      await repo.updateReferral(tx, referral, 2, { status: 'taken-up', consent: true, consentNote: 'Agreed on the phone.', consentNewlyGiven: false, outcome: 'Advocate assigned.', at: at(120) });
      const given = await contact(74, { method: 'in-person', discussed: 'Safety information pack given (handed over in person).', safetyAdvice: 'Safety information pack: emergency contacts, keeping evidence, online safety, support services.' });
      await repo.insertPack(tx, { caseId, personId: victim.personId, at: at(74), how: 'in-person', format: 'printed', contactId: given.contactId, by: spoc.actor.id });
      await repo.insertCourtSupport(tx, {
        caseId,
        personId: victim.personId,
        vpsOfferedOn: londonDateOf(at(74)),
        vpsTakenOn: londonDateOf(at(74 + 7 * 24)),
        vpsUpdatedOn: null,
        measuresAssessedOn: londonDateOf(at(74 + 7 * 24)),
        measuresNeeds: ['fear-or-distress'],
        measuresConsidered: ['screens', 'live-link'],
        measuresDecision: 'Ask the court for screens; she does not want to use the live link.',
        by: officer.actor.id,
        at: at(74 + 7 * 24),
      });
    } else if (index === 1) {
      await recordNotifiableEvent(tx, officer, { caseId, event: 'bail', at: at(30), victimConsulted: false, bailUntil: null });
      await repo.insertReferral(tx, { caseId, personId: victim.personId, serviceCode: 'national-stalking-helpline', status: 'offered', consent: false, consentNote: null, outcome: null, by: spoc.actor.id, at: at(31) });
    } else {
      const sergeant = contextFor(options.users, 'detective-sergeant');
      const { version } = await tx.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
      // The withdrawal is recorded in victim care; finalisation with outcome 16 reads that record.
      await saveWithdrawalIn(
        tx,
        officer,
        caseId,
        {
          personId: victim.personId,
          version: 0,
          withdrawnOn: londonDateOf(at(150)),
          reasons: 'She wants the contact to stop but does not want to give evidence.',
          statementTaken: true,
          statementTakenOn: londonDateOf(at(170)),
          supportDetailsGiven: true,
          supportDetails: 'Paladin and the National Stalking Helpline, with their numbers; the safety pack again.',
          followUpOn: londonDateOf(at(200 + 14 * 24)),
          evidenceLedConsidered: true,
          evidenceLedDecision: 'not-proceed',
          evidenceLedRationale: 'Without her evidence there is nothing to show the messages came from him: the phone data was not retained.',
        },
        at(190),
      );
      await finaliseIn(
        tx,
        sergeant ?? officer,
        caseId,
        {
          outcome: 16,
          rationale: 'The victim did not support a prosecution at the time; evidence-led prosecution was considered and the evidence was not enough without her.',
          investigationDone: true,
          victimUsesSupportServices: false,
          version,
        },
        at(200),
      );
      await contact(260, { initiatedBy: 'victim', discussed: 'She called to say she now wants him prosecuted.', victimWish: 'supports-prosecution' });
    }
    progress('Victim care', index + 1, cases.length);
  }
}
