/**
 * Clearly fictional names, built from syllables that do not make common English names
 * (Velmora Quistreth, Dorvane Ashkettle). Spelling variants and short forms are made the
 * way call handlers meet them: a vowel swapped, a letter doubled, the first syllable alone.
 */
const FORENAME_STARTS = ['Ba', 'Ca', 'Da', 'El', 'Fa', 'Ga', 'Ha', 'Is', 'Jo', 'Ka', 'La', 'Ma', 'Ne', 'Or', 'Pe', 'Ra', 'Sa', 'Ta', 'Ul', 'Va', 'Wy', 'Ye', 'Za', 'Bri', 'Cor', 'Dre', 'Fen', 'Gry', 'Kel', 'Mor', 'Nyl', 'Quen', 'Sel', 'Tor', 'Vel', 'Wen'];
const FORENAME_MIDDLES = ['', '', 'ri', 'lo', 'ven', 'mi', 'sa', 'da', 'ne', 'ro', 'li', 'ga'];
const FEMALE_ENDS = ['ra', 'na', 'wen', 'lia', 'ssa', 'ndra', 'rys', 'mine', 'vie', 'etta', 'lyn', 'nia'];
const MALE_ENDS = ['ric', 'dan', 'vor', 'mond', 'rin', 'thas', 'gan', 'los', 'vane', 'dric', 'ton', 'bert'];
const SURNAME_STARTS = ['Ash', 'Brack', 'Quist', 'Dorn', 'Ember', 'Fallow', 'Grim', 'Hask', 'Ivor', 'Jarn', 'Kettle', 'Lorn', 'Marr', 'Nettle', 'Orm', 'Pell', 'Quarr', 'Rusk', 'Sedge', 'Thorn', 'Umber', 'Vask', 'Wold', 'Yarr', 'Zell', 'Corv', 'Drel', 'Fenn', 'Gorse', 'Holm'];
const SURNAME_MIDDLES = ['', '', '', 'a', 'er', 'in', 'el', 'o', 'en'];
const SURNAME_ENDS = ['reth', 'wick', 'by', 'mere', 'thorne', 'ley', 'stow', 'holt', 'ridge', 'ford', 'combe', 'well', 'garth', 'ham', 'more', 'dale', 'ett', 'ington', 'ock', 'acre'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'y'];

type Random = () => number;
const pickOf = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

export function forename(random: Random, gender: 'Female' | 'Male'): string {
  return pickOf(random, FORENAME_STARTS) + pickOf(random, FORENAME_MIDDLES) + pickOf(random, gender === 'Female' ? FEMALE_ENDS : MALE_ENDS);
}

export function surname(random: Random): string {
  const base = pickOf(random, SURNAME_STARTS) + pickOf(random, SURNAME_MIDDLES) + pickOf(random, SURNAME_ENDS);
  // One in twelve is double-barrelled.
  return random() < 1 / 12 ? `${base}-${pickOf(random, SURNAME_STARTS)}${pickOf(random, SURNAME_ENDS)}` : base;
}

/** A misspelling as a caller might give it: one vowel changed, or one letter doubled. */
export function spellingVariant(random: Random, name: string): string {
  const positions = [...name].map((c, i) => (VOWELS.includes(c) && i > 0 ? i : -1)).filter((i) => i >= 0);
  if (positions.length === 0 || random() < 0.3) {
    const i = 1 + Math.floor(random() * Math.max(1, name.length - 1));
    return name.slice(0, i) + name.charAt(i - 1) + name.slice(i);
  }
  const at = pickOf(random, positions);
  const replacement = pickOf(random, VOWELS.filter((v) => v !== name.charAt(at)));
  return name.slice(0, at) + replacement + name.slice(at + 1);
}

/** An account handle made from a name ('velmora.quist88'). */
export function handleFor(random: Random, forenames: string, surnameText: string): string {
  const f = forenames.toLowerCase().replace(/[^a-z]/g, '');
  const s = surnameText.toLowerCase().replace(/[^a-z]/g, '');
  const number = Math.floor(random() * 100);
  switch (Math.floor(random() * 3)) {
    case 0:
      return `${f}.${s.slice(0, 5)}${number}`;
    case 1:
      return `${f.charAt(0)}${s}${number}`;
    default:
      return `${s}_${f}${number}`;
  }
}
