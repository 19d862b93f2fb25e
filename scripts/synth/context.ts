import type { BulkLoader } from './loader.ts';

export type Random = () => number;

/** Demo user ids by username (role code), for created_by, owners and decisions. */
export type Users = ReadonlyMap<string, string>;

/** The people made by the people group, as parallel arrays (national scale holds 600,000). */
export interface PeoplePool {
  ids: string[];
  forenames: string[];
  surnames: string[];
  genders: Array<'Female' | 'Male'>;
  /** Indexes of people who are victims, suspects and others, in the order they are handed out. */
  victims: number[];
  suspects: number[];
  others: number[];
  /** 1 victim, 2 suspect, 0 other, by index. */
  roles: Uint8Array;
}

export interface OccasionDraft {
  id: string;
  from: Date;
  to: Date | null;
  channels: string[];
  behaviours: string[];
  fearOfViolence: boolean;
  times: number;
  place: string | null;
  platform: string | null;
  breachedOrderId: string | null;
}

export interface ReportDraft {
  id: string;
  reference: string;
  reportedAt: Date;
  occasions: OccasionDraft[];
  /** Undecided when reported in the last day, for the daily meeting and the recording deadline. */
  crimeDecision: 'crime' | 'non-crime' | null;
  decidedAt: Date | null;
  callerCapacity: string;
  effects: string[];
  indicators: string[];
}

export interface OrderDraft {
  id: string;
  type: string;
  subject: number;
  protectedPeople: number[];
  madeOn: string;
  expiresOn: string | null;
  status: 'active' | 'expired' | 'discharged' | 'refused' | 'applied';
  court: string;
}

/** One course of conduct and everything that happened in it, planned before any row is written. */
export interface CaseDraft {
  index: number;
  id: string;
  reference: string;
  suspect: number | null;
  victims: number[];
  relationship: string;
  domesticAbuse: boolean;
  cyberEnabled: boolean;
  offence: string;
  alsoRecord: string[];
  ownerTeam: string;
  ownerUserId: string | null;
  restricted: boolean;
  reports: ReportDraft[];
  createdAt: Date;
  lastActivity: Date;
  status: 'open' | 'finalised';
  finalisedAt: Date | null;
  /** Home Office outcome type (1 to 22) when finalised. */
  outcomeCode: number | null;
  /** An order made in this case (after a charge, or an SPO application). */
  order: OrderDraft | null;
  /** The order this case's occasions breached. */
  breachedOrder: OrderDraft | null;
}

/** What every generator gets: the seeded generator, ids, users, dates, the people and the loader. */
export interface SynthContext {
  random: Random;
  uuid(): string;
  users: Users;
  /** The latest instant in the data ("now" for the synthetic force). */
  asOf: Date;
  /** The earliest instant reports are spread from. */
  start: Date;
  people: PeoplePool;
  loader: BulkLoader;
}

export function chance(random: Random, p: number): boolean {
  return random() < p;
}

export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A choice weighted by the numbers given (they need not add up to 1). */
export function weighted<T extends string | number>(random: Random, weights: ReadonlyArray<readonly [T, number]>): T {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  return weights[weights.length - 1]![0];
}

export function some<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

/** A version 4 UUID from the seeded generator, so ids are the same on every run. */
export function uuidFrom(random: Random): () => string {
  const hex = (n: number) => Math.floor(random() * 16 ** n).toString(16).padStart(n, '0');
  return () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(random() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function plus(at: Date, ms: number): Date {
  return new Date(at.getTime() + ms);
}

export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
