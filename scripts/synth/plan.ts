import { between, chance, DAY, HOUR, isoDate, plus, weighted, type CaseDraft, type OccasionDraft, type OrderDraft, type ReportDraft, type SynthContext } from './context.ts';

/**
 * Distributions, from the sources where they give a figure:
 * - about half domestic abuse related (an intimate partner, ex-partner or family member);
 * - most with a digital element (texts, calls, social media, email, tracking);
 * - outcomes in the mix of reference 001 table 1 (2016, harassment and stalking) and 002
 *   (outcome 16 about a third, charge/summons 10 to 20 percent, outcome 18 rarer where a
 *   suspect is named);
 * - repeat victims (a victim in a second course of conduct) and serial perpetrators
 *   (a suspect with two or more victims).
 * Figures without a source (reports per case, orders after a charge) are plausible
 * guesses, marked as such in docs/scaling.md.
 */
export const RELATIONSHIPS: ReadonlyArray<readonly [string, number]> = [
  ['ex-intimate-partner', 38], ['current-intimate-partner', 7], ['family', 5],
  ['acquaintance', 20], ['neighbour', 8], ['colleague-or-client', 5], ['stranger', 10], ['unknown', 7],
];
const DA_RELATIONSHIPS = new Set(['ex-intimate-partner', 'current-intimate-partner', 'family']);

const OFFENCES: ReadonlyArray<readonly [string, number]> = [
  ['stalking', 28], ['stalking-fear-alarm-distress', 5], ['harassment', 34], ['harassment-fear-of-violence', 6],
  ['malicious-communications', 17], ['controlling-or-coercive-behaviour', 3], ['racially-or-religiously-aggravated-harassment', 1],
];

/** Outcome types for finalised cases with a named suspect (001 table 1, both columns averaged; 002). */
const OUTCOMES_NAMED: ReadonlyArray<readonly [number, number]> = [
  [16, 36], [15, 26], [1, 16], [9, 1], [10, 1], [8, 2], [3, 2], [21, 1], [20, 1], [18, 6], [14, 2],
];
/** Where the suspect was never identified. */
const OUTCOMES_UNKNOWN: ReadonlyArray<readonly [number, number]> = [[18, 75], [14, 25]];

const DIGITAL = ['text', 'phone-call', 'social-media', 'email', 'tracking-device-or-app'];
const BEHAVIOURS_DIGITAL = ['contacting', 'publishing-material', 'monitoring-communications', 'threats-of-violence', 'image-based-abuse', 'contact-with-others', 'monitoring-or-tracking'];
const BEHAVIOURS_PHYSICAL = ['following', 'loitering', 'watching-or-spying', 'interfering-with-property', 'unwanted-gifts', 'damage-to-property', 'violence', 'threats-of-violence'];
const PLACES = ['Outside her home', 'Outside his home', 'At her workplace', 'At the school gates', 'In the town centre', 'At the railway station', 'At her parents\u2019 house', 'In the supermarket car park'];
const PLATFORMS = ['facebook', 'instagram', 'x', 'tiktok', 'snapchat', 'whatsapp'];

interface Planner {
  next(): CaseDraft | undefined;
  reportsPlanned(): number;
}

/**
 * Plans courses of conduct one at a time until `targetReports` reports exist. The first
 * case is a long one (20 reports, 25 occasions each: 500 occasions) for the timeline
 * benchmark. Active orders between a suspect and victim are remembered so later cases
 * can breach them.
 */
export function planCases(ctx: SynthContext, targetReports: number): Planner {
  const { random, people, asOf, start } = ctx;
  const span = asOf.getTime() - start.getTime();
  let planned = 0;
  let index = 0;
  let victimCursor = 0;
  let suspectCursor = 0;
  const usedVictims: number[] = [];
  const serialSuspects: number[] = [];
  const activeOrders = new Map<string, OrderDraft>();
  const users = ctx.users;

  const freshVictim = (): number => {
    if (victimCursor < people.victims.length && (usedVictims.length === 0 || !chance(random, 0.14))) {
      const v = people.victims[victimCursor++]!;
      usedVictims.push(v);
      return v;
    }
    return usedVictims[Math.floor(random() * usedVictims.length)] ?? people.victims[0]!;
  };
  const chooseSuspect = (): number | null => {
    if (chance(random, 0.08)) return null;
    if (serialSuspects.length > 0 && chance(random, 0.07)) return serialSuspects[Math.floor(random() * serialSuspects.length)]!;
    const s = suspectCursor < people.suspects.length ? people.suspects[suspectCursor++]! : people.suspects[Math.floor(random() * people.suspects.length)]!;
    if (chance(random, 0.15)) serialSuspects.push(s);
    return s;
  };

  return {
    reportsPlanned: () => planned,
    next(): CaseDraft | undefined {
      if (planned >= targetReports) return undefined;
      const long = index === 0 && targetReports >= 40;
      const suspect = long ? people.suspects[suspectCursor++]! : chooseSuspect();
      const victims = [freshVictim()];
      if (chance(random, 0.04)) victims.push(freshVictim());
      const relationship = suspect === null ? 'unknown' : long ? 'ex-intimate-partner' : weighted(random, RELATIONSHIPS);
      const domesticAbuse = DA_RELATIONSHIPS.has(relationship);
      const orderKey = suspect === null ? '' : `${suspect}:${victims[0]}`;
      const existingOrder = suspect === null ? undefined : activeOrders.get(orderKey);
      const breach = existingOrder !== undefined && chance(random, 0.6);
      let offence = long ? 'stalking' : weighted(random, OFFENCES);
      if (breach) offence = existingOrder!.type === 'stalking-protection-order' ? 'breach-stalking-protection-order' : 'breach-restraining-order';

      const reportCount = long ? 20 : Math.min(targetReports - planned, weighted(random, [[1, 52], [2, 20], [3, 11], [4, 6], [5, 4], [6, 3], [8, 2], [12, 1], [20, 1]]));
      // Earlier cases of a serial suspect come first, so an order made then can be breached later.
      let createdAt = long ? new Date(asOf.getTime() - 200 * DAY) : new Date(start.getTime() + Math.floor(random() * span));
      if (breach) {
        // A breach comes after the order: move the case to a time after the order was made.
        const madeAt = Date.parse(`${existingOrder!.madeOn}T12:00:00Z`);
        createdAt = new Date(madeAt + Math.floor(random() * Math.max(DAY, asOf.getTime() - madeAt)));
      }
      const reports: ReportDraft[] = [];
      let at = createdAt;
      let digitalCase = false;
      for (let r = 0; r < reportCount; r++) {
        if (r > 0) at = plus(at, long ? 9 * DAY : Math.max(HOUR, Math.floor(-Math.log(1 - random()) * 14 * DAY)));
        if (at.getTime() > asOf.getTime()) break;
        const occasionCount = long ? 25 : weighted(random, [[1, 45], [2, 30], [3, 15], [4, 10]]);
        const occasions: OccasionDraft[] = [];
        const digital = long || chance(random, 0.8);
        for (let o = 0; o < occasionCount; o++) {
          const from = new Date(at.getTime() - between(random, 1, 14 * 24) * HOUR);
          const isDigital = digital && (o === 0 || chance(random, 0.7));
          const channels = isDigital ? [DIGITAL[Math.floor(random() * DIGITAL.length)]!] : ['in-person'];
          if (isDigital && chance(random, 0.15)) channels.push('in-person');
          const behaviours = [isDigital ? BEHAVIOURS_DIGITAL[Math.floor(random() * BEHAVIOURS_DIGITAL.length)]! : BEHAVIOURS_PHYSICAL[Math.floor(random() * BEHAVIOURS_PHYSICAL.length)]!];
          if (chance(random, 0.25)) behaviours.push(BEHAVIOURS_PHYSICAL[Math.floor(random() * BEHAVIOURS_PHYSICAL.length)]!);
          occasions.push({
            id: ctx.uuid(),
            from,
            to: chance(random, 0.15) ? plus(from, between(random, 1, 5) * DAY) : null,
            channels: [...new Set(channels)],
            behaviours: [...new Set(behaviours)],
            fearOfViolence: chance(random, 0.2),
            times: chance(random, 0.3) ? between(random, 2, 40) : 1,
            place: channels.includes('in-person') ? PLACES[Math.floor(random() * PLACES.length)]! : null,
            platform: channels.includes('social-media') ? PLATFORMS[Math.floor(random() * PLATFORMS.length)]! : null,
            breachedOrderId: breach ? existingOrder!.id : null,
          });
          digitalCase ||= isDigital;
        }
        const recent = asOf.getTime() - at.getTime() < DAY;
        const decided = !recent || chance(random, 0.4);
        reports.push({
          id: ctx.uuid(),
          reference: '',
          reportedAt: at,
          occasions,
          crimeDecision: decided ? (chance(random, 0.94) ? 'crime' : 'non-crime') : null,
          decidedAt: decided ? plus(at, between(random, 1, 30) * HOUR) : null,
          callerCapacity: weighted(random, [['victim', 76], ['relative', 8], ['friend', 7], ['support-agency', 5], ['employer', 2], ['other', 2]]),
          effects: chance(random, 0.6) ? ['serious-alarm-or-distress', ...(chance(random, 0.3) ? ['fear-of-violence'] : []), ...(chance(random, 0.15) ? ['changed-route'] : [])] : [],
          indicators: chance(random, 0.12) ? [weighted(random, [['child-in-household', 5], ['mental-health', 3], ['disability', 2], ['language-needs', 1]])] : [],
        });
      }
      planned += reports.length;
      const lastActivity = reports[reports.length - 1]!.reportedAt;
      const finaliseAt = plus(lastActivity, between(random, 20, 150) * DAY);
      const finalised = !long && finaliseAt.getTime() < asOf.getTime() && chance(random, 0.9);
      const outcomeCode = finalised ? weighted(random, suspect === null ? OUTCOMES_UNKNOWN : OUTCOMES_NAMED) : null;

      let order: OrderDraft | null = null;
      if (suspect !== null && finalised && outcomeCode === 1 && chance(random, 0.55)) {
        const madeOn = isoDate(finaliseAt);
        const expires = chance(random, 0.3) ? null : plus(finaliseAt, between(random, 1, 5) * 365 * DAY);
        order = { id: ctx.uuid(), type: 'restraining-order', subject: suspect, protectedPeople: victims, madeOn, expiresOn: expires ? isoDate(expires) : null, status: expires && expires < asOf ? 'expired' : 'active', court: 'Northshire Magistrates\u2019 Court' };
      } else if (suspect !== null && offence.startsWith('stalking') && chance(random, long ? 1 : 0.04)) {
        const madeAt = plus(createdAt, between(random, 7, 40) * DAY);
        if (madeAt < asOf) {
          const granted = chance(random, 0.8);
          order = { id: ctx.uuid(), type: 'stalking-protection-order', subject: suspect, protectedPeople: victims, madeOn: isoDate(madeAt), expiresOn: isoDate(plus(madeAt, 2 * 365 * DAY)), status: granted ? 'active' : 'refused', court: 'Northshire Magistrates\u2019 Court' };
        }
      } else if (suspect !== null && domesticAbuse && chance(random, 0.03)) {
        const madeAt = plus(createdAt, between(random, 3, 30) * DAY);
        if (madeAt < asOf) order = { id: ctx.uuid(), type: 'non-molestation-order', subject: suspect, protectedPeople: victims, madeOn: isoDate(madeAt), expiresOn: isoDate(plus(madeAt, 365 * DAY)), status: 'active', court: 'Northshire Family Court' };
      }
      if (order && order.status === 'active' && order.type !== 'non-molestation-order') activeOrders.set(orderKey, order);

      const ownerTeam = domesticAbuse && chance(random, 0.4) ? 'da-team' : offence.includes('stalking') ? weighted(random, [['scu', 5], ['cid', 4], ['response', 1]]) : weighted(random, [['response', 5], ['neighbourhood', 3], ['cid', 2]]);
      const kase: CaseDraft = {
        index,
        id: ctx.uuid(),
        reference: '',
        suspect,
        victims: [...new Set(victims)],
        relationship,
        domesticAbuse,
        cyberEnabled: digitalCase,
        offence,
        alsoRecord: offence === 'stalking' && chance(random, 0.05) ? ['malicious-communications'] : [],
        ownerTeam,
        ownerUserId: chance(random, 0.05) ? (users.get(ownerTeam === 'cid' ? 'investigator' : 'stalking-coordination-unit') ?? null) : null,
        restricted: chance(random, 0.001),
        reports,
        createdAt,
        lastActivity,
        status: finalised ? 'finalised' : 'open',
        finalisedAt: finalised ? finaliseAt : null,
        outcomeCode,
        order,
        breachedOrder: breach ? existingOrder! : null,
      };
      index++;
      return kase;
    },
  };
}
