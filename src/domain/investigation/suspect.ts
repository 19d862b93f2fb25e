import { isStalking, type OffenceCode } from './offences.ts';
import type { InvestigationPolicy } from './policy.ts';
import { SUSPECT_ACTIONS, type SuspectAction } from './suspect-actions.ts';
import type { Issue, Reason, ValidationResult } from './types.ts';
import { isBlank, toResult } from './validation.ts';
import { westYorkshireInvestigationPolicy } from './west-yorkshire.ts';

export type ActionPermission = { readonly permitted: true } | { readonly permitted: false; readonly reason: Reason };

/**
 * Whether an action may be taken against a suspect for this offence. Harassment
 * warnings (PIN/HN1) are never offered; words of advice and mediation are refused for stalking.
 */
export function isActionPermitted(
  action: SuspectAction,
  offence: OffenceCode,
  policy: InvestigationPolicy = westYorkshireInvestigationPolicy,
): ActionPermission {
  const definition = SUSPECT_ACTIONS[action];
  if (definition.neverIssued) {
    return { permitted: false, reason: { code: `suspect.${action}-not-issued`, text: definition.neverIssued } };
  }
  if (definition.stalkingRefusal && isStalking(offence, policy.stalkingOffences)) {
    return { permitted: false, reason: { code: `suspect.${action}-refused-stalking`, text: definition.stalkingRefusal } };
  }
  return { permitted: true };
}

/** How the victim was consulted before a bail decision. */
export interface VictimConsultation {
  readonly consulted: boolean;
  /** What the victim said, or why they could not be consulted. */
  readonly note: string;
}

/** A proposed action against the suspect with the details its rules need. */
export type SuspectActionInput =
  | { readonly action: 'voluntary-attendance'; readonly rationale?: string }
  | {
      readonly action: 'bail';
      readonly conditions: readonly string[];
      readonly victimConsultation?: VictimConsultation;
    }
  | { readonly action: 'released-under-investigation'; readonly rationale?: string }
  | { readonly action: Exclude<SuspectAction, 'voluntary-attendance' | 'bail' | 'released-under-investigation'> };

function detailIssues(input: SuspectActionInput, stalking: boolean): { errors: Issue[]; warnings: Issue[] } {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  if (input.action === 'voluntary-attendance' && isBlank(input.rationale)) {
    errors.push({
      code: 'suspect.voluntary-attendance-rationale-required',
      field: 'rationale',
      message: 'Arrest is the preferred option. Record why there is no necessity to arrest before inviting the suspect to a voluntary interview.',
    });
  }
  if (input.action === 'bail') {
    if (!input.victimConsultation || isBlank(input.victimConsultation.note)) {
      errors.push({
        code: 'suspect.bail-victim-consultation-required',
        field: 'victimConsultation',
        message: 'Consult the victim before the bail decision so they can say what conditions would protect them, and record what they said or why they could not be consulted.',
      });
    }
    if (stalking && input.conditions.length === 0) {
      warnings.push({
        code: 'suspect.bail-without-conditions',
        field: 'conditions',
        message: 'Bail without conditions does not protect the victim. Consider conditions such as no contact and staying away from the victim’s home and workplace.',
      });
    }
  }
  if (input.action === 'released-under-investigation' && stalking && isBlank(input.rationale)) {
    errors.push({
      code: 'suspect.rui-rationale-required',
      field: 'rationale',
      message: 'Record why the suspect is released without bail. Conditional bail can protect the victim while enquiries continue.',
    });
  }
  return { errors, warnings };
}

/**
 * Validates a proposed suspect action: refused actions are refused with the reason;
 * voluntary attendance needs a rationale; bail needs the victim's consultation recorded;
 * release under investigation in stalking needs a rationale.
 */
export function validateSuspectAction(
  input: SuspectActionInput,
  offence: OffenceCode,
  policy: InvestigationPolicy = westYorkshireInvestigationPolicy,
): ValidationResult {
  const permission = isActionPermitted(input.action, offence, policy);
  if (!permission.permitted) {
    return toResult([{ code: permission.reason.code, field: 'action', message: permission.reason.text }]);
  }
  const { errors, warnings } = detailIssues(input, isStalking(offence, policy.stalkingOffences));
  return toResult(errors, warnings);
}
