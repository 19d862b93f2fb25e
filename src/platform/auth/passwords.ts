import argon2 from 'argon2';

export const PASSWORD_MIN_LENGTH = 12;

/**
 * The commonest passwords and the patterns people use to stretch them past a length rule
 * (compared without case, spaces or punctuation). Short ones are listed too, so the list
 * stays right if the minimum length ever changes.
 */
const COMMON_PASSWORDS = new Set(
  [
    'password', 'password1', 'password123', 'password1234', 'passwordpassword', 'p4ssw0rd', 'passw0rd',
    '123456', '1234567', '12345678', '123456789', '1234567890', '12345678910', '123456789012', '1234567890123',
    '111111', '000000', '111111111111', '000000000000', '123123', '123123123123', '987654321', '9876543210',
    'qwerty', 'qwerty123', 'qwertyuiop', 'qwertyuiop123', '1q2w3e4r', '1q2w3e4r5t6y', 'qwertyqwerty', 'asdfghjkl', 'zxcvbnm',
    'iloveyou', 'iloveyou123', 'letmein', 'letmein123', 'letmeinplease', 'welcome', 'welcome1', 'welcome123', 'welcometo',
    'admin', 'admin123', 'administrator', 'monkey', 'dragon', 'football', 'football123', 'baseball', 'sunshine',
    'princess', 'superman', 'batman', 'trustno1', 'abc123', 'abcdefghijkl', 'abcdef123456', 'changeme', 'changeme123',
    'secret', 'secret123', 'master', 'master123', 'starwars', 'liverpool', 'arsenal', 'chelsea', 'manchester', 'manchesterunited',
    'police', 'police123', 'policepolice', 'policeofficer', 'constable', 'sergeant', 'northshire', 'vigil', 'vigilvigil',
    'stalking', 'harassment', 'summer2024', 'summer2025', 'summer2026', 'winter2024', 'winter2025', 'winter2026',
    'spring2026', 'autumn2026', 'january2026', 'november2026', 'december2026', 'correcthorsebatterystaple',
  ].map(normalise),
);

function normalise(password: string): string {
  return password.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True when the password is, or is only a repetition or trivial stretch of, a common password. */
export function isCommonPassword(password: string): boolean {
  const plain = normalise(password);
  if (COMMON_PASSWORDS.has(plain)) return true;
  // One character repeated, or a common password followed by digits ("password123456").
  if (/^(.)\1*$/.test(plain)) return true;
  const withoutDigits = plain.replace(/\d+$/, '');
  return withoutDigits.length > 0 && withoutDigits !== plain && COMMON_PASSWORDS.has(withoutDigits);
}

/** Minimum rules for a password an administrator sets or a user chooses (GOV.UK error wording). */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `Password must be ${PASSWORD_MIN_LENGTH} characters or more`;
  if (password.length > 200) return 'Password must be 200 characters or fewer';
  if (isCommonPassword(password)) return 'Password is too common and easy to guess. Choose a different password';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal it. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-never-used');
  return decoyHash;
}
