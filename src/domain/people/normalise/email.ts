import { EMAIL_PROVIDER_RULES } from '../data/emailProviders.ts';
import { accepted, rejected, type Normalised } from './result.ts';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;

/** Normalise an email address: trimmed and lowercased. Rejects text that is not shaped like an address. */
export function normaliseEmail(raw: string): Normalised {
  const value = raw.trim().toLowerCase();
  if (value === '') return rejected('Enter an email address.');
  if (!EMAIL_SHAPE.test(value)) {
    return rejected(`"${raw.trim()}" is not an email address: it needs a name, an @ and a domain, for example name@example.com.`);
  }
  return accepted(value);
}

/**
 * A looser email key for addresses that reach the same inbox when written differently:
 * Gmail ignores full stops, and several providers ignore a '+tag' ('J.Smith+work@googlemail.com'
 * gives 'jsmith@gmail.com'). Stored separately from the exact email; weaker evidence.
 */
export function looseEmailKey(raw: string): Normalised {
  const exact = normaliseEmail(raw);
  if (!exact.ok) return exact;
  const at = exact.value.lastIndexOf('@');
  const domain = exact.value.slice(at + 1);
  const rule = EMAIL_PROVIDER_RULES.find((candidate) => candidate.domains.includes(domain));
  if (rule === undefined) return exact;
  let local = exact.value.slice(0, at);
  if (rule.ignoresPlusTag) local = local.split('+')[0] ?? local;
  if (rule.ignoresDots) local = local.replace(/\./g, '');
  return local === '' ? exact : accepted(`${local}@${rule.canonicalDomain ?? domain}`);
}
