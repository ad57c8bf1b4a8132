import { format, localizePath, messages, type Locale } from '../../i18n/index.ts';
import type { MailJob } from '../jobs/queue.ts';

type LinkMail = 'verify' | 'reset' | 'change';

const keys = {
	verify: ['mailVerifySubject', 'mailVerifyBody'],
	reset: ['mailResetSubject', 'mailResetBody'],
	change: ['mailChangeSubject', 'mailChangeBody']
} as const;

export function linkMail(
	kind: LinkMail,
	opts: { to: string; locale: Locale; origin: string; path: string }
): MailJob {
	const m = messages(opts.locale);
	const [subject, body] = keys[kind];
	const link = new URL(localizePath(opts.path, opts.locale), opts.origin).href;
	return { to: opts.to, subject: m[subject], text: format(m[body], { link }) };
}

export function asLocale(value: string | null | undefined): Locale {
	return value === 'en' ? 'en' : 'de';
}
