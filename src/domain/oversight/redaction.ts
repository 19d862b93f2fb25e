/**
 * Redaction of case material for lay scrutiny panels. Runs on the server before
 * anything reaches a panel member: people become role labels ("Victim A") and
 * addresses, postcodes, phone numbers, emails, dates of birth, social media
 * handles and links, and vehicle registrations are removed, using the case's own
 * known identifiers first and generic patterns second.
 */
import type { LocalDate } from './local-date.ts';
import {
  ALWAYS_REMOVED_FIELDS,
  NAMES_THAT_ARE_WORDS,
  PERSON_REFERENCE_FIELDS,
  PERSON_ROLES,
  REDACTION_KINDS,
  REDACTION_PLACEHOLDERS,
  ROLE_LABEL_NOUNS,
  TITLES,
} from './redaction-data.ts';
import type { PersonRole, RedactionKind } from './redaction-data.ts';
import {
  GENERIC_PATTERNS,
  escapeRegExp,
  knownAddressPatterns,
  knownDateOfBirthPattern,
  knownEmailPattern,
  knownHandlePattern,
  knownPhonePattern,
  knownPostcodePattern,
  knownVehiclePattern,
} from './redaction-patterns.ts';

/** Personal details recorded on a case, each as written in the record. */
export interface PersonalDetails {
  addresses?: readonly string[];
  postcodes?: readonly string[];
  phones?: readonly string[];
  emails?: readonly string[];
  datesOfBirth?: readonly LocalDate[];
  handles?: readonly string[];
  vehicleRegistrations?: readonly string[];
}

/** A person linked to the case, with everything that could identify them. */
export interface IdentifiedPerson extends PersonalDetails {
  id: string;
  /** The person's main role in the case; one label is given per person. */
  role: PersonRole;
  /** Full names as recorded ("Sarah Jane Jones"); forenames and surnames are derived. */
  names: readonly string[];
  /** Nicknames and other names the person is known by. */
  aliases?: readonly string[];
}

/**
 * The case's own identifiers. People must be listed in the order they appear in the
 * case (for example the order they were linked to it): labels are given in that order.
 */
export interface CaseIdentifiers {
  people: readonly IdentifiedPerson[];
  /** Details not tied to one person, such as where an incident happened. */
  other?: PersonalDetails;
}

/** How many of each kind of detail were removed. Never holds the values themselves. */
export interface RedactionReport {
  removed: Record<RedactionKind, number>;
  /** Whole fields dropped from a view object. */
  fieldsRemoved: number;
}

export interface RedactedText {
  text: string;
  report: RedactionReport;
}

/** A redacted view: plain JSON-like data (dates kept as they are). */
export type Redacted =
  | string
  | number
  | boolean
  | null
  | Date
  | readonly Redacted[]
  | { readonly [key: string]: Redacted };

/** Tells `redactObject` how to treat particular fields. */
export interface RedactionHints {
  /** Fields dropped whole; defaults to ALWAYS_REMOVED_FIELDS. */
  removeFields?: readonly string[];
  /** Fields passed through untouched (identifiers such as case ids and codes). */
  keepFields?: readonly string[];
  /** Fields holding a person's id; replaced by `<name>Label` with the role label. */
  personReferenceFields?: readonly string[];
}

/** A person as a panel sees them. */
export interface PanelPerson {
  label: string;
  role: PersonRole;
}

/** A redactor compiled for one case's identifiers. */
export interface Redactor {
  /** Role label for each person id. */
  readonly labels: ReadonlyMap<string, string>;
  redactText(text: string): RedactedText;
  redactObject(value: unknown, hints?: RedactionHints): { value: Redacted; report: RedactionReport };
}

interface Rule {
  kind: RedactionKind;
  /** Known rules come from the case's identifiers; the rest are generic patterns. */
  known: boolean;
  pattern: RegExp;
  replacement: (match: string) => string;
}

/** Private-use characters stand in for replacements while later rules run. */
const TOKEN_BASE = 0xe000;
const TOKEN_LIMIT = 0xf8ff;
const PRIVATE_USE = /[\uE000-\uF8FF]/g;
const START = '(?<![\\p{L}\\p{N}_])';
const END = '(?![\\p{L}\\p{N}_])';
const TITLE_PREFIX = `(?:(?:${TITLES.join('|')})\\.?\\s+)`;
const LEADING_TITLE = new RegExp(`^${TITLE_PREFIX}`, 'iu');
const WORD_NAMES: ReadonlySet<string> = new Set(NAMES_THAT_ARE_WORDS);

/** Letters for the nth person in a role: A–Z, then AA, AB, … */
function lettersFor(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * Gives each person a role label ("Victim A", "Victim B", "Suspect A"), lettered
 * within each role in the order the people are listed. The same list always gives
 * the same labels.
 */
export function assignRoleLabels(people: readonly Pick<IdentifiedPerson, 'id' | 'role'>[]): Map<string, string> {
  const perRole = new Map<PersonRole, number>();
  const labels = new Map<string, string>();
  for (const person of people) {
    if (labels.has(person.id)) continue;
    const index = perRole.get(person.role) ?? 0;
    perRole.set(person.role, index + 1);
    labels.set(person.id, `${ROLE_LABEL_NOUNS[person.role]} ${lettersFor(index)}`);
  }
  return labels;
}

/** An empty report, with every kind at zero. */
export function emptyRedactionReport(): RedactionReport {
  const removed = Object.fromEntries(REDACTION_KINDS.map((k) => [k, 0])) as Record<RedactionKind, number>;
  return { removed, fieldsRemoved: 0 };
}

function addReport(into: RedactionReport, from: RedactionReport): void {
  for (const kind of REDACTION_KINDS) into.removed[kind] += from.removed[kind];
  into.fieldsRemoved += from.fieldsRemoved;
}

function collect(identifiers: CaseIdentifiers, pick: (d: PersonalDetails) => readonly string[] | undefined): string[] {
  const sources: PersonalDetails[] = [...identifiers.people, ...(identifiers.other ? [identifiers.other] : [])];
  return [...new Set(sources.flatMap((d) => pick(d) ?? []).filter((v) => v.trim().length > 0))];
}

function knownRules(
  kind: RedactionKind,
  values: readonly string[],
  build: (value: string) => RegExp | readonly RegExp[] | null,
): Rule[] {
  const placeholder = REDACTION_PLACEHOLDERS[kind];
  return values
    .flatMap((v) => build(v) ?? [])
    .map((pattern) => ({ kind, known: true, pattern, replacement: () => placeholder }));
}

function genericRule(kind: RedactionKind, pattern: RegExp): Rule {
  const placeholder = REDACTION_PLACEHOLDERS[kind];
  return { kind, known: false, pattern, replacement: () => placeholder };
}

function normaliseName(text: string): string {
  return text.replace(LEADING_TITLE, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Full names, aliases, forename with surname ("Sarah Jones" for "Sarah Jane Jones"),
 * and the single words of each full name (forenames and surnames).
 */
function nameTerms(person: IdentifiedPerson): string[] {
  const whole = [...person.names, ...(person.aliases ?? [])].map((n) => n.trim()).filter((n) => n.length > 0);
  const titles = new Set(TITLES.map((t) => t.toLowerCase()));
  const wordsOf = (name: string) =>
    name
      .split(/\s+/)
      .map((w) => w.replace(/\.$/, ''))
      .filter((w) => w.length >= 2 && !titles.has(w.toLowerCase()));
  const firstAndLast = person.names.map(wordsOf).flatMap((ws) => (ws.length > 2 ? [`${ws[0]} ${ws[ws.length - 1]}`] : []));
  const words = person.names.flatMap(wordsOf).flatMap((w) => [w, ...w.split('-').filter((p) => p.length >= 2)]);
  return [...whole, ...firstAndLast, ...words];
}

function capitalisedForms(word: string): string {
  const capitalised = word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
  return `${escapeRegExp(capitalised)}|${escapeRegExp(word.toUpperCase())}`;
}

/**
 * Name rules. A name used by one person becomes that person's label; a name shared
 * by several people (a family surname) cannot be attributed and becomes "[name]".
 * Single words that are also everyday words only match when capitalised.
 */
function nameRules(identifiers: CaseIdentifiers, labels: ReadonlyMap<string, string>, namesAsPlaceholder = false): Rule[] {
  const owners = new Map<string, { text: string; ids: Set<string> }>();
  for (const person of identifiers.people) {
    for (const term of nameTerms(person)) {
      const key = normaliseName(term);
      const entry = owners.get(key) ?? { text: term.replace(/\s+/g, ' '), ids: new Set<string>() };
      entry.ids.add(person.id);
      owners.set(key, entry);
    }
  }
  const labelFor = (match: string): string => {
    const ids = owners.get(normaliseName(match))?.ids;
    const only = ids && ids.size === 1 ? [...ids][0] : undefined;
    return (!namesAsPlaceholder && only !== undefined && labels.get(only)) || REDACTION_PLACEHOLDERS.name;
  };
  const entries = [...owners.entries()].sort(([a], [b]) => b.length - a.length || a.localeCompare(b));
  const wordOnly = entries.filter(([key]) => WORD_NAMES.has(key));
  const anyCase = entries.filter(([key]) => !WORD_NAMES.has(key));
  const notContraction = "(?!['’]t(?!\\p{L}))";
  const rules: Rule[] = [];
  if (anyCase.length > 0) {
    const alternatives = anyCase.map(([, e]) => escapeRegExp(e.text).replace(/ /g, '\\s+')).join('|');
    rules.push({
      kind: 'name',
      known: true,
      pattern: new RegExp(`${START}${TITLE_PREFIX}?(?:${alternatives})${END}${notContraction}`, 'giu'),
      replacement: labelFor,
    });
  }
  if (wordOnly.length > 0) {
    const alternatives = wordOnly.map(([, e]) => capitalisedForms(e.text)).join('|');
    rules.push({
      kind: 'name',
      known: true,
      pattern: new RegExp(`${START}${TITLE_PREFIX}?(?:${alternatives})${END}${notContraction}`, 'gu'),
      replacement: labelFor,
    });
  }
  return rules;
}

/** Every rule, in the order they run: the most specific details first, names last. */
function buildRules(identifiers: CaseIdentifiers, labels: ReadonlyMap<string, string>, namesAsPlaceholder = false): Rule[] {
  const values = (pick: (d: PersonalDetails) => readonly string[] | undefined) => collect(identifiers, pick);
  return [
    ...knownRules('email', values((d) => d.emails), knownEmailPattern),
    genericRule('email', GENERIC_PATTERNS.email),
    genericRule('socialMediaLink', GENERIC_PATTERNS.socialMediaLink),
    ...knownRules('handle', values((d) => d.handles), knownHandlePattern),
    genericRule('handle', GENERIC_PATTERNS.handle),
    ...knownRules('dateOfBirth', values((d) => d.datesOfBirth), knownDateOfBirthPattern),
    genericRule('dateOfBirth', GENERIC_PATTERNS.dateOfBirthAfterKeyword),
    genericRule('dateOfBirth', GENERIC_PATTERNS.dateOfBirthBeforeKeyword),
    ...knownRules('phone', values((d) => d.phones), knownPhonePattern),
    genericRule('phone', GENERIC_PATTERNS.phone),
    ...knownRules('address', values((d) => d.addresses), knownAddressPatterns),
    genericRule('address', GENERIC_PATTERNS.streetAddress),
    genericRule('address', GENERIC_PATTERNS.dwelling),
    ...knownRules('postcode', values((d) => d.postcodes), knownPostcodePattern),
    genericRule('postcode', GENERIC_PATTERNS.postcode),
    ...knownRules('vehicle', values((d) => d.vehicleRegistrations), knownVehiclePattern),
    genericRule('vehicle', GENERIC_PATTERNS.vehicleCurrent),
    genericRule('vehicle', GENERIC_PATTERNS.vehiclePrefix),
    genericRule('vehicle', GENERIC_PATTERNS.vehicleSuffix),
    ...nameRules(identifiers, labels, namesAsPlaceholder),
    genericRule('name', GENERIC_PATTERNS.titledName),
  ];
}

/** Text already redacted (this case's labels and the placeholders) is left alone, so redaction is idempotent. */
function alreadyRedactedPattern(labels: ReadonlyMap<string, string>): RegExp {
  const placeholders = Object.values(REDACTION_PLACEHOLDERS).map(escapeRegExp);
  const roleLabels = [...labels.values()].map((l) => `${START}${escapeRegExp(l)}${END}`);
  return new RegExp([...placeholders, ...roleLabels].join('|'), 'gu');
}

/** Holds replacements as single private-use characters until the end. */
class Placeholders {
  private readonly texts: string[] = [];
  private readonly tokens = new Map<string, string>();

  tokenFor(text: string): string {
    const existing = this.tokens.get(text);
    if (existing !== undefined) return existing;
    const code = TOKEN_BASE + this.texts.length;
    if (code > TOKEN_LIMIT) throw new RangeError('Too many distinct replacements in one text');
    const token = String.fromCharCode(code);
    this.texts.push(text);
    this.tokens.set(text, token);
    return token;
  }

  restore(text: string): string {
    return text.replace(PRIVATE_USE, (ch) => this.texts[ch.charCodeAt(0) - TOKEN_BASE] ?? '');
  }
}

function isRemovedField(key: string, removeFields: readonly string[]): boolean {
  const lower = key.toLowerCase();
  return removeFields.some((field) => {
    const f = field.toLowerCase();
    const camelSuffix = field.charAt(0).toUpperCase() + field.slice(1);
    return lower === f || key.endsWith(camelSuffix) || lower.endsWith(`_${f}`);
  });
}

function labelKey(field: string): string {
  return `${field.replace(/Id$/, '')}Label`;
}

/** How a redactor replaces known names. */
export interface RedactorOptions {
  /**
   * 'role-label' (the default) turns a known person's name into their label ("Victim A");
   * 'placeholder' turns every known name into "[name]", for text that spans several cases
   * (a sample-wide observation), where a label would point at the wrong person.
   */
  namesAs?: 'role-label' | 'placeholder';
}

/** Compiles a redactor for one case. Reuse it for every field and page of that case. */
export function createRedactor(identifiers: CaseIdentifiers, options: RedactorOptions = {}): Redactor {
  const labels = assignRoleLabels(identifiers.people);
  const rules = buildRules(identifiers, labels, options.namesAs === 'placeholder');
  const protect = alreadyRedactedPattern(labels);

  function redactText(text: string): RedactedText {
    const report = emptyRedactionReport();
    const placeholders = new Placeholders();
    let working = text.replace(PRIVATE_USE, '').replace(protect, (m) => placeholders.tokenFor(m));
    for (const rule of rules) {
      working = working.replace(rule.pattern, (match) => {
        report.removed[rule.kind] += 1;
        return placeholders.tokenFor(rule.replacement(match));
      });
    }
    return { text: placeholders.restore(working), report };
  }

  function redactObject(value: unknown, hints: RedactionHints = {}): { value: Redacted; report: RedactionReport } {
    const report = emptyRedactionReport();
    const removeFields = hints.removeFields ?? ALWAYS_REMOVED_FIELDS;
    const keepFields = new Set(hints.keepFields ?? []);
    const personFields = new Set<string>(hints.personReferenceFields ?? PERSON_REFERENCE_FIELDS);

    const walk = (node: unknown): Redacted | undefined => {
      if (node === null || typeof node === 'number' || typeof node === 'boolean' || node instanceof Date) return node;
      if (typeof node === 'string') {
        const result = redactText(node);
        addReport(report, result.report);
        return result.text;
      }
      if (Array.isArray(node)) return node.map(walk).filter((v) => v !== undefined);
      if (typeof node !== 'object') return undefined;
      const out: Record<string, Redacted> = {};
      for (const [key, child] of Object.entries(node)) {
        if (keepFields.has(key)) {
          if (child !== undefined) out[key] = child as Redacted;
        } else if (personFields.has(key) && typeof child === 'string') {
          out[labelKey(key)] = labels.get(child) ?? '[person]';
        } else if (isRemovedField(key, removeFields)) {
          report.fieldsRemoved += 1;
        } else {
          const redacted = walk(child);
          if (redacted !== undefined) out[key] = redacted;
        }
      }
      return out;
    };

    return { value: walk(value) ?? null, report };
  }

  return { labels, redactText, redactObject };
}

/**
 * Removes the case's identifiers and anything that looks like personal data from
 * free text. Returns the text and counts of what was removed (never the values).
 */
export function redactText(text: string, identifiers: CaseIdentifiers): RedactedText {
  return createRedactor(identifiers).redactText(text);
}

/**
 * Walks a nested view object: drops always-removed fields (names, addresses,
 * dates of birth…), replaces person references with role labels and redacts every
 * other string.
 */
export function redactObject(
  value: unknown,
  identifiers: CaseIdentifiers,
  hints: RedactionHints = {},
): { value: Redacted; report: RedactionReport } {
  return createRedactor(identifiers).redactObject(value, hints);
}

/**
 * Redacts a whole case view for a panel and lists the people in it by role label
 * (victims first, then suspects, witnesses, reporters and others).
 */
export function redactCase(
  caseView: unknown,
  identifiers: CaseIdentifiers,
  hints: RedactionHints = {},
): { view: Redacted; people: PanelPerson[]; report: RedactionReport } {
  const redactor = createRedactor(identifiers);
  const { value, report } = redactor.redactObject(caseView, hints);
  const people = identifiers.people
    .filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i)
    .map((p) => ({ label: redactor.labels.get(p.id) ?? '[person]', role: p.role }))
    .sort((a, b) => PERSON_ROLES.indexOf(a.role) - PERSON_ROLES.indexOf(b.role));
  return { view: value, people, report };
}

/**
 * Checks rendered output (a page, an API response) for any of the case's own
 * identifiers. Returns the kinds found and how often, never the values; an empty
 * list means nothing known leaked. Use as a last check before serving panel output.
 */
export function findIdentifierLeaks(
  output: string,
  identifiers: CaseIdentifiers,
): { kind: RedactionKind; count: number }[] {
  const rules = buildRules(identifiers, assignRoleLabels(identifiers.people)).filter((r) => r.known);
  const counts = new Map<RedactionKind, number>();
  for (const rule of rules) {
    const found = output.match(rule.pattern)?.length ?? 0;
    if (found > 0) counts.set(rule.kind, (counts.get(rule.kind) ?? 0) + found);
  }
  return REDACTION_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
}
