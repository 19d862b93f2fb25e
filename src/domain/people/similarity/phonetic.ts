import { memoised } from '../memo.ts';
import { normaliseName } from '../normalise/name.ts';

/**
 * Vigil's phonetic key: a Metaphone-style encoding of how an English (and anglicised)
 * name sounds. Vowels after the first letter are dropped, letters that sound alike share
 * a code, silent letters are dropped and repeated sounds collapse, so Smith and Smyth
 * give 'SM0', Jon and John 'JN', Stephen and Steven 'STFN', Catherine and Kathryn 'K0RN',
 * MacDonald and McDonald 'MKTNLT'. '0' stands for the 'th' sound and 'X' for 'sh'.
 *
 * The key is deliberately coarse (John and Jane both give 'JN'), so callers confirm a
 * phonetic match with string similarity before relying on it.
 */
export const phoneticKey: (name: string) => string = memoised(phoneticKeyOf);

function phoneticKeyOf(name: string): string {
  const word = initialSpelling(normaliseName(name).replace(/[^a-z]/g, ''));
  const codes: string[] = [];
  let i = 0;
  while (i < word.length) {
    const { code, advance } = word[i] === word[i - 1] ? SKIP : encodeAt(word, i);
    if (code !== '' && codes[codes.length - 1] !== code) codes.push(code);
    i += advance;
  }
  return codes.join('');
}

/** Spellings at the start of a word that sound like something simpler (Knight, Wright, Thomas). */
const INITIAL_SPELLINGS: readonly { written: string; sound: string }[] = [
  { written: 'kn', sound: 'n' },
  { written: 'gn', sound: 'n' },
  { written: 'pn', sound: 'n' },
  { written: 'wr', sound: 'r' },
  { written: 'ps', sound: 's' },
  { written: 'wh', sound: 'w' },
  { written: 'x', sound: 's' },
  { written: 'thom', sound: 'tom' },
];

function initialSpelling(word: string): string {
  const rule = INITIAL_SPELLINGS.find(({ written }) => word.startsWith(written));
  return rule === undefined ? word : rule.sound + word.slice(rule.written.length);
}

interface Step {
  code: string;
  advance: number;
}

const SKIP: Step = { code: '', advance: 1 };
const VOWELS = 'aeiou';
const SIMPLE_CODES: Readonly<Record<string, string>> = {
  b: 'B', f: 'F', j: 'J', l: 'L', m: 'M', n: 'N', q: 'K', r: 'R', v: 'F', z: 'S',
};

function isVowel(letter: string | undefined): boolean {
  return letter !== undefined && VOWELS.includes(letter);
}

function emit(code: string, advance = 1): Step {
  return { code, advance };
}

function encodeAt(word: string, i: number): Step {
  const letter = word[i] ?? '';
  const next = word[i + 1];
  const afterNext = word[i + 2];
  const simple = SIMPLE_CODES[letter];
  if (simple !== undefined) return letter === 'b' && word[i - 1] === 'm' && next === undefined ? SKIP : emit(simple);
  if (isVowel(letter)) return i === 0 ? emit('A') : SKIP;
  switch (letter) {
    case 'c':
      return encodeC(word, i);
    case 'd':
      return next === 'g' && 'eiy'.includes(afterNext ?? '-') ? emit('J', 2) : emit('T');
    case 'g':
      return encodeG(word, i);
    case 'h':
      return isVowel(next) ? emit('H') : SKIP;
    case 'k':
      return emit('K');
    case 'p':
      if (next === 'h') return emit('F', 2);
      return word[i - 1] === 'm' && (next === 's' || next === 't') ? SKIP : emit('P');
    case 's':
      return encodeS(word, i);
    case 't':
      return encodeT(word, i);
    case 'w':
      return isVowel(next) ? emit('W') : SKIP;
    case 'x':
      return emit('KS');
    case 'y':
      if (isVowel(next)) return emit('Y');
      return i === 0 ? emit('A') : SKIP;
    default:
      return SKIP;
  }
}

function encodeC(word: string, i: number): Step {
  const next = word[i + 1];
  const afterNext = word[i + 2];
  if (next === 'h') {
    const hardCh = afterNext === 'r' || afterNext === 'l';
    return emit(hardCh ? 'K' : 'X', 2);
  }
  if (next === 'i' && (afterNext === 'a' || afterNext === 'o')) return emit('X');
  if (next === 'e' || next === 'i' || next === 'y') return word[i - 1] === 's' ? SKIP : emit('S');
  if (next === 'k' || next === 'q') return SKIP;
  return emit('K');
}

function encodeG(word: string, i: number): Step {
  const next = word[i + 1];
  if (next === 'h') return i === 0 ? emit('K', 2) : { code: '', advance: 2 };
  const rest = word.slice(i + 1);
  if (rest === 'n' || rest === 'ned') return SKIP;
  if (next === 'e' || next === 'i' || next === 'y') return emit('J');
  return emit('K');
}

function encodeS(word: string, i: number): Step {
  const next = word[i + 1];
  const afterNext = word[i + 2];
  if (next === 'h') return emit('X', 2);
  if (next === 'c' && afterNext === 'h') return emit('SK', 3);
  if (next === 'i' && (afterNext === 'a' || afterNext === 'o')) return emit('X');
  return emit('S');
}

function encodeT(word: string, i: number): Step {
  const next = word[i + 1];
  const afterNext = word[i + 2];
  if (next === 'h') return emit('0', 2);
  if (next === 'i' && (afterNext === 'a' || afterNext === 'o')) return emit('X');
  if (next === 'c' && afterNext === 'h') return SKIP;
  return emit('T');
}
