import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session tokens and one-time links (OWASP asks for at least 128). */
export function generateToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Only this hash is stored, so a leaked table cannot be replayed as cookies or links. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Tokens we issue are 43 base64url characters; anything else is forged and needs no query. */
export function isWellFormedToken(token: string): boolean {
	return /^[A-Za-z0-9_-]{43}$/.test(token);
}
