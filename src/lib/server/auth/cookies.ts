import type { Cookies } from '@sveltejs/kit';
import type { Config } from '../config.ts';

// The __Host- prefix pins the cookie to our host, path / and HTTPS (RFC 6265bis 4.1.3.2), so
// a sibling subdomain cannot plant or overwrite it. Browsers only accept it over HTTPS.
export function sessionCookieName(cfg: Config): string {
	return cfg.secureCookies ? '__Host-mitreden_session' : 'mitreden_session';
}

function isSecure(cfg: Config): boolean {
	// Browsers treat http://localhost as secure, so the demo keeps the Secure flag too.
	const host = new URL(cfg.origin).hostname;
	return cfg.secureCookies || host === 'localhost' || host === '127.0.0.1';
}

export function setSessionCookie(
	cookies: Cookies,
	cfg: Config,
	token: string,
	expiresAt: Date
): void {
	cookies.set(sessionCookieName(cfg), token, {
		path: '/',
		httpOnly: true,
		secure: isSecure(cfg),
		sameSite: 'lax',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, cfg: Config): void {
	cookies.delete(sessionCookieName(cfg), {
		path: '/',
		httpOnly: true,
		secure: isSecure(cfg),
		sameSite: 'lax'
	});
}
