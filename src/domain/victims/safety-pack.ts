import type { VictimEntitlement } from '../calendar/index.ts';
import { DEFAULT_SUPPORT_SERVICES, type SupportService } from './referrals.ts';

/**
 * The safety information pack a stalking or harassment victim is given (003 asked for
 * one for every stalking victim). Built only from what is safe to give the victim: the
 * crime reference, their named contact, their entitlement and the support directory.
 * The input has no place for the suspect, other victims or any address, so the pack
 * cannot contain them.
 */
export interface SafetyPackInput {
  readonly caseReference: string;
  /** The victim's forenames, to address the pack to them. */
  readonly victimForenames: string;
  readonly contact: { readonly name: string; readonly role: string } | null;
  readonly entitlement: VictimEntitlement;
  readonly services?: readonly SupportService[];
  /** The day the pack is produced, as words (e.g. '1 September 2025'). */
  readonly producedOn?: string;
}

export interface PackSection {
  readonly id: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly list?: readonly string[];
}

/**
 * Everything the pack says, in reading order. The printable page and the PDF are both
 * drawn from this one model, so they always say the same thing.
 */
export interface SafetyPack {
  /** The protective marking line, addressed to the victim by forename. */
  readonly marking: string;
  readonly title: string;
  readonly caseReference: string;
  /** The opening line with the crime reference. */
  readonly introduction: string;
  /** The emergency line shown prominently before everything else. */
  readonly urgent: { readonly headline: string; readonly detail: string };
  readonly addressedTo: string;
  readonly contact: SafetyPackInput['contact'];
  readonly sections: readonly PackSection[];
  readonly servicesHeading: string;
  readonly servicesIntroduction: string;
  readonly services: ReadonlyArray<{ name: string; description: string; contact: string }>;
  /** The closing line (when it was produced), or null. */
  readonly footer: string | null;
}

export function buildSafetyPack(input: SafetyPackInput): SafetyPack {
  const enhanced = input.entitlement === 'enhanced';
  const contactLine = input.contact
    ? `Your named contact is ${input.contact.name} (${input.contact.role}). Call 101 and ask for them, quoting your crime reference ${input.caseReference}.`
    : `Call 101 and quote your crime reference ${input.caseReference}. We will tell you the name of your contact as soon as one is given to your case.`;
  const sections: PackSection[] = [
    {
      id: 'emergency',
      heading: 'In an emergency',
      paragraphs: [
        'If you are in danger now, call 999.',
        'If you cannot speak, call 999 from a mobile, listen to the questions, then press 55 when asked. This tells the operator it is a real emergency.',
        'If you are deaf or cannot speak on the phone, register with emergencySMS by texting "register" to 999 so you can text 999 in an emergency.',
        `For anything that is not an emergency, call 101 and quote ${input.caseReference}.`,
      ],
    },
    {
      id: 'your-contact',
      heading: 'Your contact at the police',
      paragraphs: [contactLine, 'If your contact changes, we will tell you who your new contact is. You should not have to chase us for news.'],
    },
    {
      id: 'what-happens-next',
      heading: 'What happens next',
      paragraphs: [
        'An officer will investigate what you have told us. They may ask you for a statement and for any evidence you have.',
        enhanced
          ? 'You are entitled to the enhanced service under the Victims’ Code. We will tell you within 1 working day when the suspect is arrested, charged, released, bailed (and the conditions) or given an out-of-court decision.'
          : 'We will tell you within 5 working days when the suspect is arrested, charged, released, bailed (and the conditions) or given an out-of-court decision.',
        'Before a decision on bail, we will ask you what conditions would help keep you safe.',
      ],
    },
    {
      id: 'evidence',
      heading: 'Keeping evidence',
      paragraphs: ['Evidence helps us show the whole pattern of what is happening to you. Please:'],
      list: [
        'Keep a diary of every incident: the date, the time, where it happened, what happened, who saw it, and how it made you feel. Write it as soon as you can.',
        'Keep every message, email, voicemail and social media post. Take screenshots that show the date, the time and the sender. Do not delete anything, even if it is upsetting.',
        'Keep any gifts, letters or items left for you. Handle them as little as possible, put them in a clean bag or envelope and tell us about them.',
        'Write down the registration of any vehicle that follows you or is parked near you.',
        'Note anyone who saw what happened and how to reach them.',
      ],
    },
    {
      id: 'online-safety',
      heading: 'Staying safe online',
      paragraphs: ['Stalking often happens online as well as in person. These steps can help:'],
      list: [
        'Change your passwords, starting with your email account, and turn on two-step verification.',
        'Check which devices are signed in to your accounts and sign out any you do not recognise.',
        'Turn off location sharing on your phone, apps and social media, and check photos for location details before you post them.',
        'Set your social media accounts to private and review who can see your posts and friends list.',
        'Check your phone, car and bags for tracking devices or apps you did not install. Tell us before you remove anything you find, as it may be evidence.',
        'Do not reply to the person or try to reason with them. Block them only after you have saved the evidence, or ask us first.',
      ],
    },
    {
      id: 'staying-safe',
      heading: 'Staying safe day to day',
      paragraphs: ['Think about small changes that make it harder for someone to follow or find you:'],
      list: [
        'Vary your routes and the times you travel, where you can.',
        'Tell people you trust, such as family, friends or your employer, so they can look out for you.',
        'Keep your phone charged and with you.',
        'Plan where you would go and who you would call if you felt unsafe.',
      ],
    },
    {
      id: 'your-rights',
      heading: 'Your rights under the Victims’ Code',
      paragraphs: ['As a victim of crime you have the right to:'],
      list: [
        'be able to understand and be understood, with an interpreter if you need one',
        'have the crime recorded without unjustified delay',
        'be given information when you report the crime',
        'be referred to services that support victims, suited to your needs',
        'be given information about compensation',
        'be told about the investigation and any prosecution',
        'make a victim personal statement',
        'be given information about the trial and what happens at court',
        'be told the outcome of the case and about any appeal',
        'claim expenses and have your property returned',
        'be given information about the offender after conviction',
        'make a complaint if your rights are not met',
      ],
    },
  ];
  const services = (input.services ?? DEFAULT_SUPPORT_SERVICES)
    .filter((s) => s.inPack && s.contact !== null)
    .map((s) => ({ name: s.name, description: s.description, contact: s.contact ?? '' }));
  return {
    marking: `Official – Sensitive. For ${input.victimForenames}.`,
    title: 'Your safety information',
    caseReference: input.caseReference,
    introduction: `Your crime reference is ${input.caseReference}. Please quote it whenever you contact us.`,
    urgent: { headline: 'In danger now? Call 999.', detail: 'If you cannot speak, press 55 when asked.' },
    addressedTo: input.victimForenames,
    contact: input.contact,
    sections,
    servicesHeading: 'Support services',
    servicesIntroduction: 'These services are free and independent of the police. You can contact them yourself.',
    services,
    footer: input.producedOn ? `Produced ${input.producedOn}.` : null,
  };
}
