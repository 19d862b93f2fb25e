import { isStalking, type OffenceCode } from './offences.ts';
import { outcomeType } from './outcomes.ts';
import type { InvestigationPolicy } from './policy.ts';
import { teamName, type TeamCode } from './teams.ts';
import type { Issue, LocalDate, TaskSuggestion, ValidationResult } from './types.ts';
import { isBlank, isLocalDate, toResult } from './validation.ts';
import { westYorkshireInvestigationPolicy } from './west-yorkshire.ts';

/** What the officer records for outcome 16 (victim does not support further action). */
export interface Outcome16Details {
  /** The victim's reasons, recorded sensitively. */
  readonly victimReasons?: string;
  /** A full statement of the victim's reasons has been taken. */
  readonly statementOfReasons?: boolean;
  readonly specialistSupportOffered?: boolean;
  readonly evidenceLedConsidered?: boolean;
  /** The date agreed with the victim for a follow-up contact. */
  readonly followUpContactDate?: LocalDate;
}

/** An attempt to finalise a crime. */
export interface FinalisationInput {
  readonly offence: OffenceCode;
  /** A Home Office outcome type, or what an officer may try instead of one. */
  readonly outcome: number | 'words-of-advice' | 'nfa';
  readonly rationale?: string;
  /** Further investigation has been completed. */
  readonly investigationDone: boolean;
  readonly suspectNamed: boolean;
  /** The team that investigated, or null if none was recorded. */
  readonly investigatingTeam: TeamCode | null;
  /** Roles held by the user finalising, e.g. 'detective-sergeant'. */
  readonly finaliserRoles: readonly string[];
  readonly outcome16?: Outcome16Details;
  /** The victim is known to use statutory or non-statutory support services. */
  readonly victimUsesSupportServices?: boolean;
}

type Finding = Issue & { readonly severity: 'error' | 'warning' };
type FinalisationRule = (input: FinalisationInput, policy: InvestigationPolicy) => Finding[];

const error = (code: string, field: string, message: string): Finding => ({ severity: 'error', code, field, message });

function stalking(input: FinalisationInput, policy: InvestigationPolicy): boolean {
  return isStalking(input.offence, policy.stalkingOffences);
}

/** True when the outcome means no further action against the suspect under the policy. */
export function isNfaOutcome(outcome: FinalisationInput['outcome'], policy: InvestigationPolicy): boolean {
  return outcome === 'nfa' || (typeof outcome === 'number' && policy.finalisation.nfaOutcomes.includes(outcome));
}

const wordsOfAdvice: FinalisationRule = (input, policy) =>
  input.outcome === 'words-of-advice' && stalking(input, policy)
    ? [
        error(
          'finalisation.words-of-advice-stalking',
          'outcome',
          'Words of advice are never an outcome for a stalking crime, even at the victim’s request. Investigate, interview the suspect under caution and choose a Home Office outcome type.',
        ),
      ]
    : [];

const knownOutcomeType: FinalisationRule = (input, policy) => {
  if (typeof input.outcome === 'number') {
    return outcomeType(input.outcome)
      ? []
      : [error('finalisation.outcome-unknown', 'outcome', `There is no Home Office outcome type ${input.outcome}: choose a type from 1 to 22.`)];
  }
  if (input.outcome === 'words-of-advice' && stalking(input, policy)) return [];
  return [
    error(
      'finalisation.outcome-type-required',
      'outcome',
      'Choose the Home Office outcome type (1 to 22) that records why the case is being finalised.',
    ),
  ];
};

const nfaRationale: FinalisationRule = (input, policy) => {
  if (!isNfaOutcome(input.outcome, policy)) return [];
  const needsThorough = stalking(input, policy) && !input.investigationDone;
  const minLength = policy.finalisation.nfaRationaleMinLength;
  const thoroughly = 'Further investigation has not been completed, so explain thoroughly why no further investigation will take place';
  if (isBlank(input.rationale)) {
    const extra = needsThorough ? ` ${thoroughly}.` : '';
    return [error('finalisation.nfa-rationale-required', 'rationale', `Record the rationale for taking no further action.${extra}`)];
  }
  const length = input.rationale?.trim().length ?? 0;
  return needsThorough && length < minLength
    ? [
        error(
          'finalisation.nfa-rationale-not-thorough',
          'rationale',
          `${thoroughly} (at least ${minLength} characters; this rationale has ${length}).`,
        ),
      ]
    : [];
};

const outcome16: FinalisationRule = (input) => {
  if (input.outcome !== 16) return [];
  const details = input.outcome16 ?? {};
  const findings: Finding[] = [];
  const require = (missing: boolean, field: keyof Outcome16Details, message: string) => {
    if (missing) findings.push(error(`finalisation.outcome16-${field}-required`, `outcome16.${field}`, message));
  };
  require(isBlank(details.victimReasons), 'victimReasons', 'Record the victim’s reasons for not supporting further action.');
  require(details.statementOfReasons !== true, 'statementOfReasons', 'Take a full statement from the victim giving their reasons.');
  require(
    details.specialistSupportOffered !== true,
    'specialistSupportOffered',
    'Offer the victim specialist support and give them the contact details, then record that you did.',
  );
  require(
    details.evidenceLedConsidered !== true,
    'evidenceLedConsidered',
    'Consider an evidence-led prosecution without the victim’s support and record your decision.',
  );
  require(
    !isLocalDate(details.followUpContactDate),
    'followUpContactDate',
    'Agree a date with the victim for a follow-up contact, to check whether they have accessed support, suffered further incidents or now want to support a prosecution.',
  );
  return findings;
};

const outcome18NamedSuspect: FinalisationRule = (input, policy) =>
  input.outcome === 18 && input.suspectNamed
    ? [
        {
          severity: policy.finalisation.outcome18WithNamedSuspect === 'refuse' ? 'error' : 'warning',
          code: 'finalisation.outcome18-suspect-named',
          field: 'outcome',
          message:
            'Outcome 18 means no suspect was identified, but a suspect has been named. Choose the outcome that records why the named suspect is not being prosecuted.',
        },
      ]
    : [];

const sergeantSignOff: FinalisationRule = (input, policy) => {
  const { specialistTeams, nonSpecialistFinaliserRole: role } = policy.finalisation;
  const specialist = input.investigatingTeam !== null && specialistTeams.includes(input.investigatingTeam);
  if (!stalking(input, policy) || specialist || input.finaliserRoles.includes(role)) return [];
  const units = specialistTeams.map(teamName).join(', ');
  return [
    error(
      'finalisation.sergeant-sign-off-required',
      'finaliser',
      `Stalking not investigated by a specialist unit (${units}) must be finalised by a ${role.replaceAll('-', ' ')}.`,
    ),
  ];
};

const FINALISATION_RULES: readonly FinalisationRule[] = [
  wordsOfAdvice,
  knownOutcomeType,
  nfaRationale,
  outcome16,
  outcome18NamedSuspect,
  sergeantSignOff,
];

/**
 * Validates an attempt to finalise a crime against the rules in DOMAIN.md §8 and
 * returns every problem at once, each naming the field and what is missing.
 */
export function validateFinalisation(
  input: FinalisationInput,
  policy: InvestigationPolicy = westYorkshireInvestigationPolicy,
): ValidationResult {
  const findings = FINALISATION_RULES.flatMap((rule) => rule(input, policy));
  const strip = ({ code, field, message }: Finding): Issue => ({ code, field, message });
  return toResult(
    findings.filter((f) => f.severity === 'error').map(strip),
    findings.filter((f) => f.severity === 'warning').map(strip),
  );
}

/** Tasks to create once a finalisation is accepted: tell the victim, update support services, follow up. */
export function finalisationTasks(input: FinalisationInput): TaskSuggestion[] {
  const tasks: TaskSuggestion[] = [
    {
      code: 'tell-victim-outcome',
      title: 'Tell the victim the outcome',
      assignTo: 'officer-in-case',
      why: 'The victim must be told the outcome of the investigation and what it means for their safety.',
    },
  ];
  if (input.victimUsesSupportServices) {
    tasks.push({
      code: 'update-support-services',
      title: 'Update the support services the victim uses',
      assignTo: 'officer-in-case',
      why: 'Services supporting the victim need to know the outcome so they can keep safeguarding measures in place.',
    });
  }
  const followUp = input.outcome === 16 ? input.outcome16?.followUpContactDate : undefined;
  if (followUp !== undefined) {
    tasks.push({
      code: 'victim-follow-up-contact',
      title: 'Make the agreed follow-up contact with the victim',
      assignTo: 'officer-in-case',
      why: 'Check whether the victim has accessed support, suffered further incidents or now wants to support a prosecution.',
      dueOn: followUp,
    });
  }
  return tasks;
}
