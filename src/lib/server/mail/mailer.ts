import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/index.ts';
import type { MailJob } from '../jobs/queue.ts';

export interface MailSettings {
	smtpUrl?: string;
	mailFrom: string;
}

let transport: Transporter | undefined;

/**
 * Delivers one mail: through SMTP when SMTP_URL is set, otherwise into the local outbox that
 * /dev/outbox shows (development and demo only; production refuses to run without SMTP).
 * Throws on failure so the queue retries with backoff.
 */
export async function deliverMail(db: Db, settings: MailSettings, mail: MailJob): Promise<void> {
	if (settings.smtpUrl) {
		transport ??= nodemailer.createTransport(settings.smtpUrl);
		await transport.sendMail({
			from: settings.mailFrom,
			to: mail.to,
			subject: mail.subject,
			text: mail.text
		});
		return;
	}
	await db
		.insertInto('outbox_mails')
		.values({ to_address: mail.to, subject: mail.subject, body_text: mail.text })
		.execute();
}

export interface OutboxMail {
	id: string;
	to: string;
	subject: string;
	text: string;
	createdAt: Date;
}

export async function listOutbox(db: Db, limit = 50): Promise<OutboxMail[]> {
	const rows = await db
		.selectFrom('outbox_mails')
		.selectAll()
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: String(r.id),
		to: r.to_address,
		subject: r.subject,
		text: r.body_text,
		createdAt: r.created_at
	}));
}
