import { hash, verify } from '@node-rs/argon2';

// Argon2id (algorithm 2) with the library's OWASP-level defaults: 19 MiB memory, 2 passes.
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

// Verifying against this when the account does not exist keeps the timing of both answers alike.
let dummyHash: Promise<string> | undefined;

/** Checks a password; an unknown account costs the same time as a wrong password. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hashPassword('motcua-dummy-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
