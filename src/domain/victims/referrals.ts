/**
 * Support services a victim can be referred to, and the rules on offering and making
 * referrals (DOMAIN.md §12, 002). The directory is data: a force replaces or extends it
 * with its local services.
 */

export type ServiceKind = 'stalking-advocacy' | 'victim-support' | 'domestic-abuse' | 'multi-agency';

export interface SupportService {
  readonly code: string;
  readonly name: string;
  readonly kind: ServiceKind;
  /** What the service does, in plain words for the victim. */
  readonly description: string;
  /** How the victim can reach it; null where only the police refer (MARAC, MASH). */
  readonly contact: string | null;
  /** Whether it is listed in the victim's safety information pack. */
  readonly inPack: boolean;
}

/**
 * The default directory. National helpline numbers were taken from the services' public
 * pages and must be checked before go-live; the local service is Northshire's (invented).
 */
export const DEFAULT_SUPPORT_SERVICES: readonly SupportService[] = [
  {
    code: 'paladin',
    name: 'Paladin National Stalking Advocacy Service',
    kind: 'stalking-advocacy',
    description: 'Independent stalking advocates who support victims of high-risk stalking.',
    contact: 'Telephone 020 3866 4107',
    inPack: true,
  },
  {
    code: 'national-stalking-helpline',
    name: 'National Stalking Helpline (Suzy Lamplugh Trust)',
    kind: 'stalking-advocacy',
    description: 'Free, confidential advice for anyone affected by stalking.',
    contact: 'Telephone 0808 802 0300',
    inPack: true,
  },
  {
    code: 'northshire-isas',
    name: 'Northshire Independent Stalking Advocacy Service',
    kind: 'stalking-advocacy',
    description: 'Local independent stalking advocates who can support you through the investigation and at court.',
    contact: 'Ask your named contact to refer you',
    inPack: true,
  },
  {
    code: 'victim-support',
    name: 'Victim Support',
    kind: 'victim-support',
    description: 'Free and confidential support for victims of crime, whether or not the crime was reported.',
    contact: 'Supportline 08 08 16 89 111 (free, open all day, every day)',
    inPack: true,
  },
  {
    code: 'idva',
    name: 'Independent domestic violence adviser (IDVA)',
    kind: 'domestic-abuse',
    description: 'A specialist adviser for victims of domestic abuse at high risk.',
    contact: 'National Domestic Abuse Helpline 0808 2000 247 (free, 24 hours)',
    inPack: true,
  },
  {
    code: 'marac',
    name: 'Multi-agency risk assessment conference (MARAC)',
    kind: 'multi-agency',
    description: 'A meeting of local agencies to plan the safety of victims of domestic abuse at high risk.',
    contact: null,
    inPack: false,
  },
  {
    code: 'mash-child',
    name: 'Multi-agency safeguarding hub: child referral',
    kind: 'multi-agency',
    description: 'A referral to protect a child in the household.',
    contact: null,
    inPack: false,
  },
  {
    code: 'mash-adult',
    name: 'Multi-agency safeguarding hub: adult at risk referral',
    kind: 'multi-agency',
    description: 'A referral to protect an adult at risk.',
    contact: null,
    inPack: false,
  },
];

export function findService(code: string, directory: readonly SupportService[] = DEFAULT_SUPPORT_SERVICES): SupportService | undefined {
  return directory.find((s) => s.code === code);
}

/** Where a referral stands: offered to the victim, declined by them, made to the service, taken up by the victim. */
export const REFERRAL_STATUSES = ['offered', 'declined', 'made', 'taken-up'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  offered: 'Offered',
  declined: 'Declined by the victim',
  made: 'Referral made',
  'taken-up': 'Taken up',
};

/** Which statuses may follow which. */
const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  offered: ['declined', 'made'],
  declined: ['offered'],
  made: ['taken-up', 'declined'],
  'taken-up': [],
};

export interface ReferralProblem {
  readonly field: string;
  readonly message: string;
}

export interface ReferralChange {
  readonly serviceCode: string;
  /** The status before the change; null for a new referral. */
  readonly from: ReferralStatus | null;
  readonly to: ReferralStatus;
  /** Whether the victim's explicit consent to share their details with the service has been recorded. */
  readonly consent: boolean;
  readonly domesticAbuse: boolean;
}

/**
 * Checks a referral change. A new referral starts offered, declined or made. A referral to
 * Victim Support for a domestic abuse victim needs their explicit consent recorded (002);
 * so does any referral to a support service the victim contacts directly (IDVA, stalking
 * advocacy), because their details are passed on. Police-led multi-agency referrals
 * (MARAC, MASH) do not need consent, though it should be sought where safe.
 */
export function checkReferralChange(change: ReferralChange, directory: readonly SupportService[] = DEFAULT_SUPPORT_SERVICES): ReferralProblem[] {
  const service = findService(change.serviceCode, directory);
  if (!service) return [{ field: 'service', message: 'Choose a service from the list' }];
  const problems: ReferralProblem[] = [];
  if (change.from === null ? change.to === 'taken-up' : !NEXT[change.from].includes(change.to) && change.from !== change.to) {
    problems.push({
      field: 'status',
      message: change.from === null ? 'A referral cannot be taken up before it is made' : `A referral that is ${REFERRAL_STATUS_LABELS[change.from].toLowerCase()} cannot become ${REFERRAL_STATUS_LABELS[change.to].toLowerCase()}`,
    });
  }
  if ((change.to === 'made' || change.to === 'taken-up') && !change.consent && needsConsent(service, change.domesticAbuse)) {
    problems.push({
      field: 'consent',
      message:
        service.kind === 'victim-support' && change.domesticAbuse
          ? 'Record the victim’s explicit consent before referring a domestic abuse victim to Victim Support'
          : `Record the victim’s consent before referring them to ${service.name}`,
    });
  }
  return problems;
}

/** Whether a referral to the service needs the victim's explicit consent. */
export function needsConsent(service: SupportService, domesticAbuse: boolean): boolean {
  if (service.kind === 'multi-agency') return false;
  if (service.kind === 'victim-support') return domesticAbuse;
  return true;
}

/** An offer a victim must receive, with whether it has been made. */
export interface RequiredOffer {
  readonly code: string;
  readonly text: string;
  readonly met: boolean;
}

/**
 * Offers every victim in these circumstances must receive: specialist stalking advocacy
 * for every stalking victim (002, 004); Victim Support for every victim (Victims' Code
 * right 4). Met once any referral to a service of the right kind exists, whatever its status.
 */
export function requiredOffers(
  input: { stalking: boolean; referrals: ReadonlyArray<{ serviceCode: string }> },
  directory: readonly SupportService[] = DEFAULT_SUPPORT_SERVICES,
): RequiredOffer[] {
  const kinds = new Set(input.referrals.map((r) => findService(r.serviceCode, directory)?.kind).filter((k) => k !== undefined));
  const offers: RequiredOffer[] = [];
  if (input.stalking) {
    offers.push({ code: 'stalking-advocacy', text: 'Offer specialist stalking advocacy (every stalking victim)', met: kinds.has('stalking-advocacy') });
  }
  offers.push({ code: 'victim-support', text: 'Offer a referral to Victim Support', met: kinds.has('victim-support') });
  return offers;
}
