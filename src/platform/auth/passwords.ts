import argon2 from 'argon2';

/** Minimum rules for a password an administrator sets or a user chooses. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'Password must be at least 12 characters long.';
  if (password.length > 200) return 'Password must be 200 characters or fewer.';
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
