/**
 * Checking the classification an officer chooses against the suggestion:
 * "think stalking first" means harassment needs a reason why it is not
 * stalking, and a non-crime decision against a crime needs a rationale.
 */
import { fourIndicatorsWhere } from './four.ts';
import { behaviours } from './intake-options.ts';
import { isCodeIn, joinAsList, labelsOf } from './lookup.ts';
import { isInFamily, offence, offences } from './offences.ts';
import type { OffenceCode, OffenceFamily } from './offences.ts';
import type { ClassificationSuggestion, CodedMessage, FieldError } from './types.ts';
import { choiceWording, counted, noticeWording, say } from './wording.ts';

/** The code for choosing not to record a crime. */
export const NON_CRIME = 'non-crime';

/** A classification as chosen on the form or sent to the API (codes not yet checked). */
export interface ClassificationChoice {
  /** An offence code, or `NON_CRIME`. */
  readonly principal: string;
  readonly alsoRecord?: readonly string[];
}

/** The offence codes of a choice that are valid, principal first. */
function chosenOffences(chosen: ClassificationChoice): OffenceCode[] {
  return [chosen.principal, ...(chosen.alsoRecord ?? [])].filter((code) => isCodeIn(offences, code));
}

/** Whether any of the offences is in one of the families. */
export function includesFamily(codes: readonly OffenceCode[], ...families: readonly OffenceFamily[]): boolean {
  return codes.some((code) => isInFamily(code, ...families));
}

function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

/** Total occasions the suggestion counted: this report's and the linked reports'. */
export function occasionsCounted(suggestion: ClassificationSuggestion): number {
  return suggestion.courseOfConduct.occasionsInReport + suggestion.courseOfConduct.linkedOccasions;
}

/** What in the facts points to stalking, as a phrase for messages. */
export function describeStalkingIndicators(suggestion: ClassificationSuggestion): string {
  const parts: string[] = [];
  if (suggestion.stalkingActs.length > 0) {
    parts.push(`acts associated with stalking (${labelsOf(behaviours, suggestion.stalkingActs)})`);
  }
  const shown = (['fixated', 'obsessive'] as const).filter((name) => suggestion.four.indicators[name].present);
  if (shown.length > 0) parts.push(`evidence that the suspect is ${joinAsList(shown)}`);
  if (suggestion.exPartnerRule) parts.push('an ex-partner, whose harassment force policy records as stalking');
  return joinAsList(parts);
}

/** Why the rules say this is a crime, as a phrase for messages. */
export function describeCrime(suggestion: ClassificationSuggestion): string {
  if (suggestion.courseOfConduct.met) {
    return `there is a course of conduct (${counted(occasionsCounted(suggestion), 'occasion')})`;
  }
  return suggestion.principal === null
    ? 'the report shows another crime'
    : `the rules suggest ${offence(suggestion.principal).title.toLowerCase()}`;
}

function codeErrors(chosen: ClassificationChoice): FieldError[] {
  const errors: FieldError[] = [];
  if (isBlank(chosen.principal)) {
    errors.push({ field: 'principal', message: say(choiceWording, 'principalMissing').text });
  } else if (chosen.principal !== NON_CRIME && !isCodeIn(offences, chosen.principal)) {
    errors.push({ field: 'principal', message: say(choiceWording, 'unknownCode', chosen.principal).text });
  }
  const also = chosen.alsoRecord ?? [];
  if (chosen.principal === NON_CRIME && also.length > 0) {
    errors.push({ field: 'alsoRecord', message: say(choiceWording, 'nonCrimeWithOffences').text });
  }
  also.forEach((code, index) => {
    const field = `alsoRecord[${index}]`;
    if (!isCodeIn(offences, code)) {
      errors.push({ field, message: say(choiceWording, 'unknownCode', code).text });
    } else if (code === chosen.principal || also.indexOf(code) < index) {
      errors.push({ field, message: say(choiceWording, 'duplicateOffence', offence(code).title).text });
    }
  });
  return errors;
}

/**
 * Checks a chosen classification. Returns the errors to show next to each
 * field; an empty list means the choice can be saved. Unknown codes are
 * rejected; harassment where stalking indicators are present, and a non-crime
 * decision where the rules find a crime, need a non-empty rationale.
 */
export function validateClassificationChoice(
  chosen: ClassificationChoice,
  suggestion: ClassificationSuggestion,
  rationale: string | undefined,
): FieldError[] {
  const errors = codeErrors(chosen);
  if (!isBlank(rationale)) return errors;
  const offencesChosen = chosenOffences(chosen);
  if (includesFamily(offencesChosen, 'harassment') && suggestion.stalkingIndicatorsPresent) {
    const message = say(choiceWording, 'whyNotStalking', describeStalkingIndicators(suggestion)).text;
    errors.push({ field: 'rationale', message });
  }
  if (chosen.principal === NON_CRIME && suggestion.isCrime) {
    errors.push({ field: 'rationale', message: say(choiceWording, 'whyNotCrime', describeCrime(suggestion)).text });
  }
  return errors;
}

function describePrincipal(code: OffenceCode | typeof NON_CRIME): string {
  return code === NON_CRIME ? 'a non-crime incident' : offence(code).title.toLowerCase();
}

/**
 * Notices about a valid choice that is allowed but differs from the rules:
 * stalking without FOUR met, a different principal offence, or offences the
 * rules would also record. Shown to the officer; the registrar sees them in audit.
 */
export function reviewClassificationChoice(
  chosen: ClassificationChoice,
  suggestion: ClassificationSuggestion,
): CodedMessage[] {
  const notices: CodedMessage[] = [];
  const offencesChosen = chosenOffences(chosen);
  if (includesFamily(offencesChosen, 'stalking') && !suggestion.four.met) {
    const missing = joinAsList(fourIndicatorsWhere(suggestion.four, false));
    notices.push(say(noticeWording, 'stalkingWithoutFour', missing));
  }
  const chosenPrincipal = chosen.principal === NON_CRIME ? NON_CRIME : offencesChosen[0];
  const suggestedPrincipal = suggestion.principal ?? (suggestion.isCrime ? undefined : NON_CRIME);
  if (chosenPrincipal !== undefined && suggestedPrincipal !== undefined && chosenPrincipal !== suggestedPrincipal) {
    const [chosenText, suggestedText] = [describePrincipal(chosenPrincipal), describePrincipal(suggestedPrincipal)];
    notices.push(say(noticeWording, 'differsFromSuggestion', chosenText, suggestedText));
  }
  const missing = suggestion.alsoRecord.filter((code) => !offencesChosen.includes(code));
  if (chosen.principal !== NON_CRIME && missing.length > 0) {
    const titles = joinAsList(missing.map((code) => offence(code).title.toLowerCase()));
    notices.push(say(noticeWording, 'missingAlsoRecord', titles));
  }
  return notices;
}
