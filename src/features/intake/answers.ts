import { z } from 'zod';
import {
  behaviours,
  callerCapacities,
  channels,
  effects,
  indicators,
  orderTypes,
  relationships,
  type ClassificationFacts,
  type Occasion,
} from '../../domain/classification/index.ts';

/**
 * The intake question flow's answers. A draft may hold any part of them; the
 * full submission is checked by `submissionSchema`. Pages and the API share these.
 */

const codes = <T extends { code: string }>(list: readonly T[]) => list.map((item) => item.code) as [T['code'], ...T['code'][]];

const text = (max: number, label: string) => z.string().trim().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);
const optionalText = (max: number, label: string) =>
  text(max, label)
    .optional()
    .transform((v) => v || undefined);

/** A form checkbox group arrives as a string, an array or nothing. */
const checkboxes = <T extends string>(values: [T, ...T[]], message: string) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, message)));

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a real date')
  .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Enter a real date');
const time = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time like 14:30');

export const personAnswer = z.object({
  personId: z.uuid('Not a valid person reference').optional(),
  forenames: optionalText(100, 'Forenames'),
  surname: optionalText(100, 'Surname'),
  dateOfBirth: isoDate.optional().or(z.literal('').transform(() => undefined)),
  approximateAge: z.coerce.number().int('Enter the age in whole years').min(10, 'Age must be 10 or more').max(110, 'Age must be 110 or less').optional().or(z.literal('').transform(() => undefined)),
  phone: optionalText(40, 'Phone number'),
  email: optionalText(200, 'Email address'),
  socialPlatform: optionalText(40, 'Platform'),
  socialHandle: optionalText(120, 'Account name'),
  town: optionalText(100, 'Town'),
  description: optionalText(1000, 'Description'),
});
export type PersonAnswer = z.infer<typeof personAnswer>;

export const occasionAnswer = z.object({
  date: isoDate.optional().or(z.literal('').transform(() => undefined)),
  time: time.optional().or(z.literal('').transform(() => undefined)),
  endDate: isoDate.optional().or(z.literal('').transform(() => undefined)),
  place: optionalText(200, 'Place'),
  channels: checkboxes(codes(channels), 'Choose how the suspect made contact from the list'),
  platform: optionalText(40, 'Platform'),
  accountName: optionalText(120, 'Account name'),
  behaviours: checkboxes(codes(behaviours), 'Choose what happened from the list'),
  fearOfViolence: z.preprocess((v) => v === true || v === 'yes', z.boolean()).default(false),
  raciallyOrReligiouslyAggravated: z.preprocess((v) => v === true || v === 'yes', z.boolean()).default(false),
  times: z.coerce.number().int('Enter a whole number').min(1, 'Enter 1 or more').max(10000, 'Enter 10,000 or fewer').optional().or(z.literal('').transform(() => undefined)),
  description: optionalText(2000, 'What happened'),
  breachedOrder: z.enum(codes(orderTypes), 'Choose the order from the list').optional().or(z.literal('').transform(() => undefined)),
});
export type OccasionAnswer = z.infer<typeof occasionAnswer>;

export const thriveLevels = ['low', 'medium', 'high'] as const;
export const responses = [
  { code: 'emergency', label: 'Emergency response' },
  { code: 'priority', label: 'Priority response' },
  { code: 'scheduled', label: 'Scheduled appointment' },
  { code: 'resolution-without-deployment', label: 'Resolution without deployment' },
] as const;

export const thriveAnswer = z.object({
  threat: z.enum(thriveLevels, 'Choose the level of threat'),
  harm: z.enum(thriveLevels, 'Choose the level of harm'),
  risk: z.enum(thriveLevels, 'Choose the level of risk'),
  investigation: optionalText(1000, 'Investigation'),
  vulnerability: optionalText(1000, 'Vulnerability'),
  engagement: optionalText(1000, 'Engagement'),
});

/** Each page of the flow: its answers, all optional in a draft. */
export const callerPage = z.object({
  callerCapacity: z.enum(codes(callerCapacities), 'Choose who is calling'),
  callerName: optionalText(200, 'Caller name'),
  relationship: z.enum(codes(relationships), 'Choose how the suspect is related to the victim'),
});

/** How many further victims or suspects one report may name (the first of each has its own fields). */
export const MAX_OTHER_PEOPLE = 9;

export const peoplePage = z.object({
  victim: personAnswer,
  otherVictims: z.array(personAnswer).max(MAX_OTHER_PEOPLE, `Add ${MAX_OTHER_PEOPLE} more victims or fewer`).default([]),
  suspectKnown: z.enum(['yes', 'no'], 'Choose whether the suspect is known'),
  suspect: personAnswer.optional(),
  otherSuspects: z.array(personAnswer).max(MAX_OTHER_PEOPLE, `Add ${MAX_OTHER_PEOPLE} more suspects or fewer`).default([]),
});

export const conductPage = z.object({
  account: text(20000, 'The account').min(1, 'Enter what happened in the caller’s words'),
  occasions: z.array(occasionAnswer).min(1, 'Add at least one occasion').max(200, 'Add 200 occasions or fewer here; use the batch import for more'),
});

export const effectsPage = z.object({
  effects: checkboxes(codes(effects), 'Choose effects from the list'),
  indicators: checkboxes(codes(indicators), 'Choose indicators from the list'),
});

export const responsePage = z.object({
  thrive: thriveAnswer,
  response: z.enum(responses.map((r) => r.code) as [string, ...string[]], 'Choose the response'),
  responseRationale: text(2000, 'The rationale').min(1, 'Enter why this response was chosen'),
  evidenceAdvice: text(2000, 'Evidence advice').min(1, 'Enter the advice given on keeping evidence'),
});

export const answersSchema = callerPage
  .partial()
  .extend(peoplePage.partial().shape)
  .extend(conductPage.partial().shape)
  .extend(effectsPage.partial().shape)
  .extend(responsePage.partial().shape);
export type Answers = z.infer<typeof answersSchema>;

/** Everything a submitted report needs, with the cross-field checks. */
export function submissionSchema(now: Date) {
  const today = now.toISOString().slice(0, 10);
  // Missing answers become empty ones, so each gets its own plain message.
  const withEmptyAnswers = (raw: unknown) => {
    const given = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    return { victim: {}, account: '', occasions: [], effects: [], indicators: [], thrive: {}, responseRationale: '', evidenceAdvice: '', ...given };
  };
  return z.preprocess(withEmptyAnswers, strictAnswers(today));
}

function strictAnswers(today: string) {
  const victim = personAnswer.superRefine((v, ctx) => {
    if (!v.personId && !v.surname && !v.forenames) ctx.addIssue({ code: 'custom', path: ['surname'], message: 'Enter the victim’s name' });
    if (v.dateOfBirth && v.dateOfBirth > today) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth must be in the past' });
  });
  const suspect = personAnswer.superRefine((v, ctx) => {
    if (v.dateOfBirth && v.dateOfBirth > today) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth must be in the past' });
  });
  const otherVictims = peoplePage.shape.otherVictims.superRefine((list, ctx) => {
    list.forEach((v, i) => {
      if (!v.personId && !v.surname && !v.forenames) ctx.addIssue({ code: 'custom', path: [i, 'surname'], message: `Enter the name of victim ${i + 2}, or remove them` });
      if (v.dateOfBirth && v.dateOfBirth > today) ctx.addIssue({ code: 'custom', path: [i, 'dateOfBirth'], message: 'Date of birth must be in the past' });
    });
  });
  const otherSuspects = peoplePage.shape.otherSuspects.superRefine((list, ctx) => {
    list.forEach((s, i) => {
      if (!hasSuspectDetail(s)) ctx.addIssue({ code: 'custom', path: [i, 'surname'], message: `Enter the name or other details of suspect ${i + 2}, or remove them` });
      if (s.dateOfBirth && s.dateOfBirth > today) ctx.addIssue({ code: 'custom', path: [i, 'dateOfBirth'], message: 'Date of birth must be in the past' });
    });
  });
  const occasions = conductPage.shape.occasions.superRefine((list, ctx) => {
    list.forEach((o, i) => {
      const n = i + 1;
      if (!o.date) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `Enter the date of occasion ${n}` });
      else if (o.date > today) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `The date of occasion ${n} must be today or in the past` });
      if (o.date && o.endDate && o.endDate < o.date) {
        ctx.addIssue({ code: 'custom', path: [i, 'endDate'], message: `The end date of occasion ${n} must be the same as or after its start date` });
      } else if (o.endDate && o.endDate > today) {
        ctx.addIssue({ code: 'custom', path: [i, 'endDate'], message: `The end date of occasion ${n} must be today or in the past` });
      }
      if (o.channels.length === 0) ctx.addIssue({ code: 'custom', path: [i, 'channels'], message: `Choose how the suspect made contact on occasion ${n}` });
      if (o.behaviours.length === 0) ctx.addIssue({ code: 'custom', path: [i, 'behaviours'], message: `Choose what happened on occasion ${n}` });
    });
  });
  return callerPage
    .extend(peoplePage.shape)
    .extend({ victim, otherVictims, suspect: suspect.optional(), otherSuspects, occasions })
    .extend(conductPage.omit({ occasions: true }).shape)
    .extend(effectsPage.shape)
    .extend(responsePage.shape)
    .superRefine((answers, ctx) => {
      if (answers.suspectKnown !== 'yes') {
        if (answers.otherSuspects.length > 0) {
          ctx.addIssue({ code: 'custom', path: ['suspectKnown'], message: 'Say the suspect is known, or remove the other suspects' });
        }
        return;
      }
      if (!answers.suspect || !hasSuspectDetail(answers.suspect)) {
        ctx.addIssue({ code: 'custom', path: ['suspect', 'surname'], message: 'Enter the suspect’s name or other details, or say the suspect is not known' });
      }
    });
}

function hasSuspectDetail(s: PersonAnswer): boolean {
  return !!(s.personId || s.surname || s.forenames || s.phone || s.socialHandle || s.description);
}

export type Submission = z.infer<ReturnType<typeof strictAnswers>>;

/** The facts the classification rules need, from the answers so far. */
export function factsFrom(
  answers: Answers,
  context: { linkedOccasions?: ClassificationFacts['linkedOccasions']; activeOrders?: ClassificationFacts['activeOrders']; earlierBreachesSinceOrder?: number },
): ClassificationFacts {
  const occasions: Occasion[] = (answers.occasions ?? [])
    .filter((o) => !!o.date)
    .map((o) => ({
      date: o.date!,
      ...(o.endDate ? { until: o.endDate } : {}),
      ...(o.times ? { times: o.times } : {}),
      channels: o.channels,
      behaviours: o.behaviours,
      causedFearOfViolence: o.fearOfViolence,
      raciallyOrReligiouslyAggravated: o.raciallyOrReligiouslyAggravated,
      ...(o.breachedOrder ? { breachedOrder: o.breachedOrder } : {}),
    }));
  return {
    ...(answers.callerCapacity ? { callerCapacity: answers.callerCapacity } : {}),
    relationship: answers.relationship ?? 'unknown',
    victims: ['victim', ...(answers.otherVictims ?? []).map((_, i) => `victim-${i + 2}`)],
    suspectKnown: answers.suspectKnown === 'yes',
    occasions,
    linkedOccasions: context.linkedOccasions ?? [],
    effects: answers.effects ?? [],
    indicators: answers.indicators ?? [],
    activeOrders: context.activeOrders ?? [],
    earlierBreachesSinceOrder: context.earlierBreachesSinceOrder ?? 0,
    otherCrimes: [],
  };
}
