/**
 * The orders Vigil holds (DOMAIN.md §10): what each is, under which Act, and which breach
 * offence the classification rules know for it. Codes are stable; labels are plain English.
 */
import type { OrderTypeCode } from '../classification/index.ts';

export interface OrderTypeInfo {
  readonly code: string;
  readonly label: string;
  readonly statute: string;
  /** 'criminal' orders are made by a criminal court; 'civil' ones by a civil or family court or the police. */
  readonly kind: 'criminal' | 'civil' | 'police' | 'bail';
  /** The order type the classification rules count breaches of, or null when they do not. */
  readonly breachRule: OrderTypeCode | null;
  /** Whether breaching it is a criminal offence Vigil should record as a crime. */
  readonly breachIsCrime: boolean;
  readonly isSpo: boolean;
}

export const ORDER_TYPES: readonly OrderTypeInfo[] = [
  { code: 'restraining-order', label: 'Restraining order (on conviction)', statute: 'Protection from Harassment Act 1997 s5', kind: 'criminal', breachRule: 'restraining-order', breachIsCrime: true, isSpo: false },
  { code: 'restraining-order-acquittal', label: 'Restraining order on acquittal', statute: 'Protection from Harassment Act 1997 s5A', kind: 'criminal', breachRule: 'restraining-order', breachIsCrime: true, isSpo: false },
  { code: 'interim-stalking-protection-order', label: 'Interim Stalking Protection Order', statute: 'Stalking Protection Act 2019 s5', kind: 'civil', breachRule: 'stalking-protection-order', breachIsCrime: true, isSpo: true },
  { code: 'stalking-protection-order', label: 'Stalking Protection Order', statute: 'Stalking Protection Act 2019 s1', kind: 'civil', breachRule: 'stalking-protection-order', breachIsCrime: true, isSpo: true },
  { code: 'dvpn', label: 'Domestic violence protection notice', statute: 'Crime and Security Act 2010 s24', kind: 'police', breachRule: null, breachIsCrime: false, isSpo: false },
  { code: 'dvpo', label: 'Domestic violence protection order', statute: 'Crime and Security Act 2010 s28', kind: 'civil', breachRule: null, breachIsCrime: false, isSpo: false },
  { code: 'non-molestation-order', label: 'Non-molestation order', statute: 'Family Law Act 1996 s42 (breach: s42A)', kind: 'civil', breachRule: null, breachIsCrime: true, isSpo: false },
  { code: 'harassment-injunction', label: 'Harassment injunction', statute: 'Protection from Harassment Act 1997 s3', kind: 'civil', breachRule: null, breachIsCrime: true, isSpo: false },
  { code: 'civil-injunction', label: 'Civil injunction (nuisance and annoyance)', statute: 'Anti-social Behaviour, Crime and Policing Act 2014 s1', kind: 'civil', breachRule: null, breachIsCrime: false, isSpo: false },
  { code: 'bail-conditions', label: 'Bail conditions', statute: 'Bail Act 1976 / PACE 1984 s47', kind: 'bail', breachRule: null, breachIsCrime: false, isSpo: false },
];

/** Older codes found in records made before the orders register (kept readable, never written). */
const ALIASES: Readonly<Record<string, string>> = { spo: 'stalking-protection-order', 'interim-spo': 'interim-stalking-protection-order' };

export const ORDER_TYPE_CODES = ORDER_TYPES.map((t) => t.code) as [string, ...string[]];

/** The current code for a stored type (older aliases mapped). */
export function canonicalOrderType(code: string): string {
  return ALIASES[code] ?? code;
}

export function orderTypeInfo(code: string): OrderTypeInfo | undefined {
  const canonical = canonicalOrderType(code);
  return ORDER_TYPES.find((t) => t.code === canonical);
}

/** The classification rules' order code for breaches of this order, or null when they do not count it. */
export function breachRuleFor(code: string): OrderTypeCode | null {
  return orderTypeInfo(code)?.breachRule ?? null;
}

export function isSpoType(code: string): boolean {
  return orderTypeInfo(code)?.isSpo ?? false;
}
