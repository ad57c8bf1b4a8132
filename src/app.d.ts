import type { SessionUser } from '$lib/server/auth/sessions.ts';
import type { Locale } from '$lib/i18n/index.ts';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
		}
		interface Locals {
			user: SessionUser | null;
			sessionId: string | null;
			locale: Locale;
			requestId: string;
		}
		interface PageData {
			locale: Locale;
			user: {
				email: string;
				displayName: string | null;
				roles: string[];
				verified: boolean;
			} | null;
			demo: boolean;
		}
	}
}

export {};
