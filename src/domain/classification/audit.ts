/**
 * The crime registrar's audit: where a recorded classification disagrees with
 * the rules, in the ways the inspections found (001, 002; DOMAIN.md §3).
 */
import { describeCrime, describeStalkingIndicators, includesFamily, NON_CRIME, occasionsCounted } from './choice.ts';
import { fourIndicatorsWhere } from './four.ts';
import { joinAsList } from './lookup.ts';
import type { OffenceCode } from './offences.ts';
import type { ClassificationSuggestion, CodedMessage } from './types.ts';
import { auditWording, say } from './wording.ts';

/** A classification as recorded on a crime or incident. */
export interface RecordedClassification {
  readonly principal: OffenceCode | typeof NON_CRIME;
  readonly alsoRecord: readonly OffenceCode[];
  /** The officer's rationale: why it is not stalking, or why it is not a crime. */
  readonly rationale?: string;
}

/** A record for audit: what was recorded, and what the rules suggest for its facts. */
export interface AuditRecord {
  readonly recorded: RecordedClassification;
  readonly suggestion: ClassificationSuggestion;
}

/** The codes an audit finding can have. */
export type AuditFindingCode = keyof typeof auditWording;

type Finding = CodedMessage<AuditFindingCode> | null;

function recordedOffences(recorded: RecordedClassification): OffenceCode[] {
  return recorded.principal === NON_CRIME ? [] : [recorded.principal, ...recorded.alsoRecord];
}

function givenRationale(recorded: RecordedClassification): string | undefined {
  const text = recorded.rationale?.trim();
  return text === undefined || text === '' ? undefined : text;
}

function harassmentWithStalkingIndicators(record: AuditRecord, codes: OffenceCode[]): Finding {
  const { suggestion } = record;
  if (!includesFamily(codes, 'harassment') || !suggestion.stalkingIndicatorsPresent) return null;
  const suggested = [suggestion.principal, ...suggestion.alsoRecord].flatMap((code) => (code === null ? [] : [code]));
  const rationale = givenRationale(record.recorded);
  if (!includesFamily(suggested, 'stalking') && rationale !== undefined) return null;
  return say(auditWording, 'harassmentWithStalkingIndicators', describeStalkingIndicators(suggestion), rationale);
}

function maliciousCommunicationsSeries(record: AuditRecord, codes: OffenceCode[]): Finding {
  if (!codes.includes('malicious-communications') || !record.suggestion.courseOfConduct.met) return null;
  return say(auditWording, 'maliciousCommunicationsSeries', occasionsCounted(record.suggestion));
}

function repeatedBreachesOnlyAsBreaches(record: AuditRecord, codes: OffenceCode[]): Finding {
  const onlyBreaches = codes.length > 0 && codes.every((code) => includesFamily([code], 'breach'));
  if (!onlyBreaches || record.suggestion.breaches.total < 2) return null;
  return say(auditWording, 'repeatedBreachesOnlyAsBreaches', record.suggestion.breaches.total);
}

function notRecordedAsCrime(record: AuditRecord): Finding {
  if (record.recorded.principal !== NON_CRIME || !record.suggestion.isCrime) return null;
  const detail = describeCrime(record.suggestion);
  return say(auditWording, 'harassmentNotRecordedAsCrime', detail, givenRationale(record.recorded));
}

function stalkingWithoutFour(record: AuditRecord, codes: OffenceCode[]): Finding {
  if (!includesFamily(codes, 'stalking') || record.suggestion.four.met) return null;
  return say(auditWording, 'stalkingWithoutFour', joinAsList(fourIndicatorsWhere(record.suggestion.four, false)));
}

/**
 * Lists where the recorded classification disagrees with the rules, for the
 * crime registrar's queue: harassment with stalking indicators (unless a
 * reason was given and the rules agree it is harassment), a malicious
 * communications series, repeated breaches recorded only as breaches, a
 * non-crime where the rules find a crime, and stalking without FOUR met.
 */
export function auditFindings(record: AuditRecord): CodedMessage<AuditFindingCode>[] {
  const codes = recordedOffences(record.recorded);
  const findings = [
    harassmentWithStalkingIndicators(record, codes),
    maliciousCommunicationsSeries(record, codes),
    repeatedBreachesOnlyAsBreaches(record, codes),
    notRecordedAsCrime(record),
    stalkingWithoutFour(record, codes),
  ];
  return findings.filter((finding) => finding !== null);
}
