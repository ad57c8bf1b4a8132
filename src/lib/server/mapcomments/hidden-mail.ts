import type { AppContext } from '../context.ts';
import { format, localizePath, messages } from '../../i18n/index.ts';
import { enqueue } from '../jobs/queue.ts';
import { asLocale } from '../mail/templates.ts';
import { findAuthorContact } from './comment-page.repository.ts';

export type MailDeps = Pick<AppContext, 'db' | 'boss' | 'config'>;

/**
 * Tells an author why their comment or reply was hidden, with a link to the page where they still
 * see it and the reason. Sent after the hiding committed; an account without an address (deleted)
 * gets nothing.
 */
export async function mailHiddenNotice(
	deps: MailDeps,
	n: {
		authorId: string | null;
		title: string;
		/** null: hidden by the report threshold, said in the author's language. */
		reason: string | null;
		slug: string;
		commentId: string;
	}
): Promise<void> {
	const contact = await findAuthorContact(deps.db, n.authorId);
	if (!contact) return;
	const locale = asLocale(contact.locale);
	const m = messages(locale);
	const path = `/beteiligung/${n.slug}/karte/hinweise/${n.commentId}`;
	const link = new URL(localizePath(path, locale), deps.config.origin).href;
	await enqueue(deps.boss, 'send-mail', {
		to: contact.email,
		subject: m.mmMailHiddenSubject,
		text: format(m.mmMailHiddenBody, {
			title: n.title,
			reason: n.reason ?? m.mmReportsHiddenReason,
			link
		})
	});
}
