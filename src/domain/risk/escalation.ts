/**
 * The eight-stage homicide timeline (Monckton Smith), as prompts for professional judgement
 * (DOMAIN.md §5). It is deliberately not a score: officers consider each stage and record
 * what they see in their rationale. An application for an order can itself be a trigger.
 */
export interface TimelineStage {
  readonly stage: number;
  readonly id: string;
  readonly name: string;
  /** The question the officer asks themselves. */
  readonly prompt: string;
}

export const HOMICIDE_TIMELINE: readonly TimelineStage[] = [
  { stage: 1, id: 'history', name: 'History', prompt: 'Does the suspect have a history of stalking, controlling behaviour or abuse, with this victim or others?' },
  { stage: 2, id: 'commitment', name: 'Commitment', prompt: 'Did the relationship or fixation become intense quickly, with pressure for commitment?' },
  { stage: 3, id: 'relationship', name: 'Relationship', prompt: 'Is the relationship (or the suspect’s view of it) marked by control, jealousy or possessiveness?' },
  { stage: 4, id: 'trigger', name: 'Trigger', prompt: 'Has something threatened the suspect’s control, such as separation, a new partner, money trouble, a court case or an order application?' },
  { stage: 5, id: 'escalation', name: 'Escalation', prompt: 'Is the behaviour becoming more frequent, more intense or more desperate (for example more contact, stalking, threats of suicide)?' },
  { stage: 6, id: 'change-in-thinking', name: 'Change in thinking', prompt: 'Has the suspect’s thinking shifted, for example to revenge, “if I can’t have her no one can”, or giving up on the relationship?' },
  { stage: 7, id: 'planning', name: 'Planning', prompt: 'Is there any sign of planning: obtaining weapons, researching, getting the victim alone, checking routines?' },
  { stage: 8, id: 'homicide', name: 'Homicide', prompt: 'Could the suspect kill or seriously harm the victim or others (including their own suicide) now? If so, act immediately under the Threats to Life policy.' },
];
