/**
 * Crime prevention advice catalogue (DOMAIN.md §6; inspectors' findings in references 001
 * and 002). Patterns spot the advice in free text; they are deliberately broad because a
 * false warning costs a second look while a missed one can cost a victim's safety.
 */

export interface AdviceEntry {
  readonly id: string;
  readonly label: string;
  /** Why the advice is unsafe, or why it helps. */
  readonly reason: string;
  readonly patterns: readonly RegExp[];
}

const SUSPECT = String.raw`(?:the )?(?:suspect|perpetrator|stalker|offender|ex|ex-partner|him|her|them)`;

/** Advice the inspectors criticised as unsafe. */
export const UNSAFE_ADVICE: readonly AdviceEntry[] = [
  {
    id: 'change-number',
    label: 'Change your phone number',
    reason: 'It does not stop the behaviour: the suspect finds other ways to make contact, such as visiting the home or contacting the children, and the victim can no longer see and report what happens.',
    patterns: [/\bchange (?:your |her |his |their )?(?:phone |mobile )?number\b/i, /\bnew (?:phone |mobile )?number\b/i],
  },
  {
    id: 'come-off-social-media',
    label: 'Come off social media',
    reason: 'It puts the burden on the victim, cuts them off from friends and support, and stops them monitoring and reporting what the suspect does. Give online safety advice instead.',
    patterns: [
      /\b(?:come|stay|get|keep) off (?:social media|facebook|instagram)\b/i,
      /\b(?:deactivate|delete|close|stop using|not (?:to )?check)\b[^.]*\b(?:social media|facebook|instagram|account)\b/i,
    ],
  },
  {
    id: 'block',
    label: 'Just block them',
    reason: 'Blocking on its own hides the evidence of the course of conduct and of any escalation, and the suspect may switch to other routes (for example through the children). Keep the evidence and report every contact.',
    patterns: [/\bblock(?:ing|ed)?\b/i],
  },
  {
    id: 'text-suspect',
    label: 'Text the suspect to tell them to stop',
    reason: 'It puts the victim back in contact with the suspect, can escalate the risk and can be used against the victim; dealing with the suspect is for the police.',
    patterns: [
      new RegExp(String.raw`\b(?:text|message|email|write to|contact|call|ring|tell)\b[^.]*\b${SUSPECT}\b[^.]*\b(?:stop|not to contact|leave (?:her|him|them|you) alone)\b`, 'i'),
    ],
  },
  {
    id: 'meet-or-mediate',
    label: 'Meet the suspect or mediate',
    reason: 'Mediation and meetings are never suitable in stalking cases: they expose the victim to the suspect and reinforce the behaviour.',
    patterns: [/\bmediat/i, /\b(?:meet|talk to|speak to|sit down with)\b[^.]*\b(?:suspect|perpetrator|stalker|offender|ex-partner|ex)\b/i],
  },
];

/** Advice that helps victims and the investigation. */
export const GOOD_ADVICE: readonly AdviceEntry[] = [
  {
    id: 'keep-diary',
    label: 'Keep a diary of every incident',
    reason: 'Dates, times and details of each incident show the course of conduct and any escalation.',
    patterns: [/\bdiary\b/i, /\blog (?:of )?(?:every|each|all) incident/i],
  },
  {
    id: 'keep-evidence',
    label: 'Keep all messages and gifts',
    reason: 'Messages, voicemails, letters and gifts are evidence; they should not be deleted, thrown away or returned.',
    patterns: [/\b(?:keep|save|retain|preserve)\b[^.]*\b(?:messages?|texts?|voicemails?|letters?|gifts?|evidence)\b/i],
  },
  {
    id: 'report-every-incident',
    label: 'Report every incident',
    reason: 'Each report adds to the picture of the course of conduct and lets the police reassess the risk.',
    patterns: [/\breport (?:every|each|all|any (?:further|more|new))\b/i],
  },
  {
    id: 'online-safety',
    label: 'Online safety steps',
    reason: 'Privacy settings, location sharing, passwords and device checks reduce what the suspect can see without hiding the evidence.',
    patterns: [/\bonline safety\b/i, /\bprivacy settings?\b/i, /\blocation (?:sharing|services)\b/i, /\bpasswords?\b/i],
  },
];
