import type { RiskPolicy } from './policy.ts';
import type { Reason } from './reason.ts';

/** Events that make the current risk assessment out of date (DOMAIN.md §5, issue 6). */
export const REASSESSMENT_TRIGGERS = {
  'new-incident': 'A new incident has been reported, so the risk must be reassessed.',
  breach: 'An order or bail condition has been breached, which can mean escalation: reassess the risk.',
  'suspect-arrested': 'The suspect has been arrested: reassess the risk before any release decision.',
  'suspect-released': 'The suspect has been released, so the risk to the victim may have changed: reassess it.',
  'bail-changed': 'The suspect’s bail or bail conditions have changed: reassess the risk.',
  'order-application': 'An order is being applied for; an application can trigger escalation by the stalker, so reassess the risk.',
  'escalation-found': 'The conduct analysis found escalation in the suspect’s behaviour: reassess the risk.',
} as const satisfies Record<string, string>;

export type ReassessmentTrigger = keyof typeof REASSESSMENT_TRIGGERS;

/** Something that happened on a case which may call for a reassessment. */
export interface RiskEvent {
  readonly kind: ReassessmentTrigger | (string & {});
}

/**
 * Why the event makes a reassessment due, as reasons with codes such as
 * "reassess-breach". Empty when the event does not call for one under the force policy.
 */
export function reassessmentReasons(event: RiskEvent, policy: RiskPolicy): Reason[] {
  const trigger = policy.reassessOn.find((t) => t === event.kind);
  return trigger ? [{ code: `reassess-${trigger}`, message: REASSESSMENT_TRIGGERS[trigger] }] : [];
}
