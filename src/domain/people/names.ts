import { nameWords, normaliseName, normaliseSurname, surnameVariantKey } from './normalise/name.ts';
import { defaultMatchingPolicy, type NameMatchingPolicy } from './policy.ts';
import { NAME_TEXT, type NamePartLabel } from './reasonTexts.ts';
import { jaroWinkler } from './similarity/jaroWinkler.ts';
import { nicknameRelation } from './similarity/nicknames.ts';
import { phoneticKey } from './similarity/phonetic.ts';
import { trigramSimilarity } from './similarity/trigram.ts';
import type { PersonName, PersonQuery, PersonRecord, Reason } from './types.ts';

/** Which parts of two names were compared: like with like, or forename against surname (crossed). */
export type NamePart = 'forename' | 'surname' | 'crossed';
export type NameMatchKind = 'exact' | 'variant' | 'nickname' | 'phonetic' | 'part' | 'initial' | 'similar' | 'different';
export type NameReasonCode = `${NamePart}-${NameMatchKind}` | 'names-swapped';

/** A reason about a name, with its share (0 to 1) of a full-name match. */
export interface NameReason extends Reason<NameReasonCode> {
  contribution: number;
}

export interface NameComparison {
  /** 0 to 1 over the parts both names have: 1 when they are the same after normalisation. */
  score: number;
  /** 0 to 1: the share of a full name that could be compared (0.55 if only surnames were given). */
  coverage: number;
  reasons: NameReason[];
}

interface PartMatch {
  kind: NameMatchKind;
  similarity: number;
  text: string;
}

const LABELS: Record<NamePart, NamePartLabel> = { forename: 'Forename', surname: 'Surname', crossed: 'Name' };

/**
 * Compare two names part by part: forenames using the forename table (Jon and John),
 * initials, sound and spelling; surnames using spelling variants (MacDonald and McDonald),
 * sound (Smyth and Smith), parts of double-barrelled surnames and spelling. If forename
 * and surname fit better the other way round, that is used with a penalty. Symmetric:
 * the score does not depend on argument order (the wording puts `a` first).
 */
export function compareNames(a: PersonName, b: PersonName, policy: NameMatchingPolicy = defaultMatchingPolicy.names): NameComparison {
  const total = policy.forenameWeight + policy.surnameWeight;
  const direct = [
    comparePart('forename', a.forename, b.forename, policy.forenameWeight / total, policy),
    comparePart('surname', a.surname, b.surname, policy.surnameWeight / total, policy),
  ].filter((result) => result !== undefined);
  const coverage = direct.reduce((sum, result) => sum + result.share, 0);
  const crossed = direct.length === 2 && sumOf(direct) < policy.swappedNamesFactor ? compareCrossed(a, b, policy) : [];
  const useCrossed = crossed.length === 2 && sumOf(crossed) > sumOf(direct);
  const chosen = useCrossed ? crossed : direct;
  const reasons = chosen.map((result) => result.reason);
  if (useCrossed) reasons.unshift({ code: 'names-swapped', text: NAME_TEXT.swapped(), contribution: 0 });
  const score = coverage === 0 ? 0 : Math.min(1, sumOf(chosen) / coverage);
  return { score, coverage, reasons };
}

/** The names a query gives for a person: the name typed, then any aliases. */
export function queryNames(query: PersonQuery): PersonName[] {
  return [{ forename: query.forename, surname: query.surname }, ...(query.aliases ?? [])];
}

/** The names a person is recorded under: the main name, then aliases. */
export function recordNames(person: PersonRecord): PersonName[] {
  return [person.name, ...(person.aliases ?? [])];
}

/** Forename against surname both ways; each pair carries half a full name, scaled by the swap penalty. */
function compareCrossed(a: PersonName, b: PersonName, policy: NameMatchingPolicy): PartResult[] {
  const share = policy.swappedNamesFactor / 2;
  return [comparePart('crossed', a.forename, b.surname, share, policy), comparePart('crossed', a.surname, b.forename, share, policy)].filter(
    (result) => result !== undefined,
  );
}

interface PartResult {
  share: number;
  reason: NameReason;
}

function sumOf(results: readonly PartResult[]): number {
  return results.reduce((sum, result) => sum + result.reason.contribution, 0);
}

function comparePart(part: NamePart, a: string | undefined, b: string | undefined, share: number, policy: NameMatchingPolicy): PartResult | undefined {
  if (a === undefined || b === undefined || normaliseName(a) === '' || normaliseName(b) === '') return undefined;
  const match = part === 'forename' ? compareForenames(a, b, policy) : compareSurnames(LABELS[part], a, b, policy);
  return { share, reason: { code: `${part}-${match.kind}`, text: match.text, contribution: share * match.similarity } };
}

interface Word {
  display: string;
  key: string;
}

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** The given names in a forename field, each with its normalised key ('Mary-Jane' -> Mary, Jane). */
function forenameWords(raw: string): Word[] {
  return raw
    .split(/[\s\-‐–]+/)
    .map((piece) => ({ display: piece.replace(EDGE_PUNCTUATION, ''), key: normaliseName(piece).replace(/ /g, '') }))
    .filter((word) => word.key !== '');
}

function compareForenames(a: string, b: string, policy: NameMatchingPolicy): PartMatch {
  if (normaliseName(a).replace(/ /g, '') === normaliseName(b).replace(/ /g, '')) {
    return { kind: 'exact', similarity: policy.similarity.exact, text: NAME_TEXT.exact('Forename', a.trim(), b.trim()) };
  }
  const left = forenameWords(a);
  const right = forenameWords(b);
  let best: { match: PartMatch; first: boolean } | undefined;
  left.forEach((x, i) =>
    right.forEach((y, j) => {
      const match = compareForenameWords(x, y, policy);
      const first = i === 0 && j === 0;
      if (best === undefined || match.similarity > best.match.similarity || (match.similarity === best.match.similarity && first)) {
        best = { match, first };
      }
    }),
  );
  if (best === undefined || best.first || best.match.kind === 'different') {
    return best?.match ?? { kind: 'different', similarity: 0, text: NAME_TEXT.different('Forename', a.trim(), b.trim()) };
  }
  const { match } = best;
  return { kind: match.kind, similarity: match.similarity * policy.middleNameFactor, text: NAME_TEXT.middleName(match.text) };
}

function compareForenameWords(a: Word, b: Word, policy: NameMatchingPolicy): PartMatch {
  const { similarity } = policy;
  if (a.key === b.key) return { kind: 'exact', similarity: similarity.exact, text: NAME_TEXT.exact('Forename', a.display, b.display) };
  const relation = nicknameRelation(a.key, b.key);
  if (relation !== undefined) {
    const text =
      relation.kind === 'short-form'
        ? relation.shortForm === 'first'
          ? NAME_TEXT.shortForm('Forename', a.display, b.display)
          : NAME_TEXT.shortForm('Forename', b.display, a.display)
        : relation.kind === 'same-name'
          ? NAME_TEXT.sameName('Forename', a.display, b.display)
          : NAME_TEXT.sharedShortForms('Forename', a.display, b.display);
    return { kind: 'nickname', similarity: similarity.nickname, text };
  }
  const [initial, full] = a.key.length <= b.key.length ? [a, b] : [b, a];
  if (initial.key.length === 1 && full.key.startsWith(initial.key)) {
    return { kind: 'initial', similarity: similarity.initial, text: NAME_TEXT.initial('Forename', initial.display, full.display) };
  }
  return compareBySound('Forename', a.key, b.key, a.display, b.display, policy);
}

function compareSurnames(label: NamePartLabel, a: string, b: string, policy: NameMatchingPolicy): PartMatch {
  const [left, right] = [normaliseSurname(a), normaliseSurname(b)];
  const [shownA, shownB] = [a.trim(), b.trim()];
  const { similarity } = policy;
  if (left === right) return { kind: 'exact', similarity: similarity.exact, text: NAME_TEXT.exact(label, shownA, shownB) };
  if (surnameVariantKey(a) === surnameVariantKey(b)) {
    return { kind: 'variant', similarity: similarity.variant, text: NAME_TEXT.variant(label, shownA, shownB) };
  }
  const bySound = compareBySound(label, left.replace(/ /g, ''), right.replace(/ /g, ''), shownA, shownB, policy);
  if (bySound.kind === 'phonetic') return bySound;
  const part = surnamePart(left, right);
  if (part !== undefined && similarity.surnamePart > bySound.similarity) {
    const [shorter, longer] = part === 'first' ? [shownA, shownB] : [shownB, shownA];
    return { kind: 'part', similarity: similarity.surnamePart, text: NAME_TEXT.surnamePart(label, shorter, longer) };
  }
  return bySound;
}

/** Which surname, if either, is made of some of the words of the other (Smith and Smith Jones). */
function surnamePart(a: string, b: string): 'first' | 'second' | undefined {
  const [wordsA, wordsB] = [nameWords(a), nameWords(b)];
  const within = (inner: string[], outer: string[]) => inner.length < outer.length && inner.every((word) => outer.includes(word));
  if (within(wordsA, wordsB)) return 'first';
  if (within(wordsB, wordsA)) return 'second';
  return undefined;
}

/** Phonetic match confirmed by spelling, else spelling similarity alone (mean of trigram and Jaro-Winkler). */
function compareBySound(label: NamePartLabel, a: string, b: string, shownA: string, shownB: string, policy: NameMatchingPolicy): PartMatch {
  const jw = jaroWinkler(a, b);
  const spelling = (trigramSimilarity(a, b) + jw) / 2;
  const key = phoneticKey(a);
  if (key !== '' && key === phoneticKey(b) && jw >= policy.phoneticMinimumJaroWinkler) {
    return { kind: 'phonetic', similarity: Math.max(policy.similarity.phonetic, spelling), text: NAME_TEXT.phonetic(label, shownA, shownB) };
  }
  if (spelling >= policy.similarMinimum) return { kind: 'similar', similarity: spelling, text: NAME_TEXT.similar(label, shownA, shownB, spelling) };
  return { kind: 'different', similarity: 0, text: NAME_TEXT.different(label, shownA, shownB) };
}
