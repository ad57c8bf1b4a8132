import type { AppContext } from '../../../src/lib/server/context.ts';
import type { MailJob } from '../../../src/lib/server/jobs/queue.ts';
import { deliverMail } from '../../../src/lib/server/mail/mailer.ts';

/** Safe to run twice: at worst a person receives the same mail again, never a half-sent one. */
export async function sendMail(ctx: AppContext, data: MailJob): Promise<void> {
	await deliverMail(ctx.db, ctx.config, data);
}
