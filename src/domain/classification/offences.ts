/**
 * The offences the classification rules can suggest, with their Home Office
 * classification, statute, venue and maximum sentence. DOMAIN.md §2–3.
 *
 * Home Office classification codes are reference data: `verified: false`
 * marks a code that is not confirmed by the source documents and must be
 * checked with the force crime registrar before go-live.
 */
import { byCode } from './lookup.ts';

/** The family an offence belongs to, which decides how the rules treat it. */
export type OffenceFamily =
  | 'harassment'
  | 'stalking'
  | 'aggravated-harassment'
  | 'breach'
  | 'malicious-communications'
  | 'coercive-control';

/** A Home Office crime classification for recorded crime. */
export interface HomeOfficeClassification {
  readonly code: string;
  readonly label: string;
  /** False when the code is not confirmed by the source documents. */
  readonly verified: boolean;
}

/** An offence in the reference list. */
export interface OffenceInfo {
  readonly code: string;
  readonly title: string;
  readonly statute: string;
  readonly family: OffenceFamily;
  readonly homeOffice: HomeOfficeClassification;
  readonly venue: 'summary only' | 'either way';
  readonly maximum: string;
  /**
   * Order for choosing the principal offence among those these rules suggest:
   * 1 is the most serious. Follows the maximum sentence; on equal maximums,
   * stalking and controlling or coercive behaviour come first.
   */
  readonly principalRank: number;
}

const stalking8Q: HomeOfficeClassification = { code: '8Q', label: 'Stalking', verified: true };
const harassment8L: HomeOfficeClassification = { code: '8L', label: 'Harassment', verified: true };
const aggravated8M: HomeOfficeClassification = {
  code: '8M',
  label: 'Racially or religiously aggravated harassment',
  verified: true,
};

export const offences = [
  {
    code: 'harassment',
    title: 'Harassment',
    statute: 'Protection from Harassment Act 1997, s2',
    family: 'harassment',
    homeOffice: harassment8L,
    venue: 'summary only',
    maximum: '6 months’ imprisonment',
    principalRank: 10,
  },
  {
    code: 'harassment-fear-of-violence',
    title: 'Harassment putting people in fear of violence',
    statute: 'Protection from Harassment Act 1997, s4',
    family: 'harassment',
    homeOffice: { ...harassment8L, verified: false },
    venue: 'either way',
    maximum: '10 years’ imprisonment',
    principalRank: 3,
  },
  {
    code: 'stalking',
    title: 'Stalking',
    statute: 'Protection from Harassment Act 1997, s2A',
    family: 'stalking',
    homeOffice: stalking8Q,
    venue: 'summary only',
    maximum: '6 months’ imprisonment',
    principalRank: 9,
  },
  {
    code: 'stalking-fear-alarm-distress',
    title: 'Stalking involving fear of violence or serious alarm or distress',
    statute: 'Protection from Harassment Act 1997, s4A',
    family: 'stalking',
    homeOffice: stalking8Q,
    venue: 'either way',
    maximum: '10 years’ imprisonment',
    principalRank: 2,
  },
  {
    code: 'breach-restraining-order',
    title: 'Breach of a restraining order',
    statute: 'Protection from Harassment Act 1997, s5(5)',
    family: 'breach',
    homeOffice: { ...harassment8L, verified: false },
    venue: 'either way',
    maximum: '5 years’ imprisonment',
    principalRank: 6,
  },
  {
    code: 'breach-stalking-protection-order',
    title: 'Breach of a stalking protection order',
    statute: 'Stalking Protection Act 2019, s8',
    family: 'breach',
    homeOffice: { ...stalking8Q, verified: false },
    venue: 'either way',
    maximum: '5 years’ imprisonment',
    principalRank: 5,
  },
  {
    code: 'malicious-communications',
    title: 'Malicious communications',
    statute: 'Malicious Communications Act 1988, s1',
    family: 'malicious-communications',
    homeOffice: harassment8L,
    venue: 'either way',
    maximum: '2 years’ imprisonment',
    principalRank: 8,
  },
  {
    code: 'controlling-or-coercive-behaviour',
    title: 'Controlling or coercive behaviour in an intimate or family relationship',
    statute: 'Serious Crime Act 2015, s76',
    family: 'coercive-control',
    homeOffice: { code: '8U', label: 'Controlling or coercive behaviour', verified: false },
    venue: 'either way',
    maximum: '5 years’ imprisonment',
    principalRank: 4,
  },
  {
    code: 'racially-or-religiously-aggravated-harassment',
    title: 'Racially or religiously aggravated harassment or stalking',
    statute: 'Crime and Disorder Act 1998, s32(1)(a) (PHA 1997 s2 or s2A)',
    family: 'aggravated-harassment',
    homeOffice: aggravated8M,
    venue: 'either way',
    maximum: '2 years’ imprisonment',
    principalRank: 7,
  },
  {
    code: 'racially-or-religiously-aggravated-harassment-fear',
    title: 'Racially or religiously aggravated harassment or stalking involving fear of violence or serious alarm or distress',
    statute: 'Crime and Disorder Act 1998, s32(1)(b) (PHA 1997 s4 or s4A)',
    family: 'aggravated-harassment',
    homeOffice: { ...aggravated8M, verified: false },
    venue: 'either way',
    maximum: '14 years’ imprisonment',
    principalRank: 1,
  },
] as const satisfies readonly OffenceInfo[];

export type OffenceCode = (typeof offences)[number]['code'];

/** Every offence code, in reference-list order (for enumerations and schemas). */
export const offenceCodes: readonly OffenceCode[] = offences.map((offence) => offence.code);

/** The reference entry for an offence. */
export function offence(code: OffenceCode): OffenceInfo {
  return byCode(offences, code);
}

/** Whether an offence belongs to one of the given families. */
export function isInFamily(code: OffenceCode, ...families: readonly OffenceFamily[]): boolean {
  return families.includes(offence(code).family);
}

/** Orders offence codes from the most to the least serious (principal first). */
export function byPrincipalRank(codes: readonly OffenceCode[]): OffenceCode[] {
  return [...codes].sort((a, b) => offence(a).principalRank - offence(b).principalRank);
}
