import { error } from '@sveltejs/kit';
import type { Db } from '../db/index.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { countAdmins, findUserById } from '../auth/users.repository.ts';

export const LAST_ADMIN_CANNOT_DELETE =
	'Das letzte aktive Admin-Konto kann nicht gelöscht werden. Bitte geben Sie zuerst einer anderen Person die Rolle Admin. / The last active administrator account cannot be deleted; make someone else an administrator first.';

/**
 * Everything stored about one account (GDPR Art. 15/20). Each domain that stores personal data
 * adds its section here; the export test fails when a section is missing for data we hold.
 */
export async function exportAccountData(db: Db, userId: string): Promise<Record<string, unknown>> {
	const user = await findUserById(db, userId);
	if (!user) throw new Error('Konto nicht gefunden');
	const sessions = await db
		.selectFrom('sessions')
		.select(['created_at', 'expires_at', 'absolute_expires_at'])
		.where('user_id', '=', userId)
		.execute();
	const audit = await listAudit(db, { limit: 10_000, offset: 0, actorOrTargetId: userId });
	const feedback = user.email
		? await db
				.selectFrom('accessibility_feedback')
				.select(['created_at', 'name', 'email', 'page_url', 'message'])
				.where('email', '=', user.email)
				.execute()
		: [];
	const responses = await db
		.selectFrom('survey_responses')
		.innerJoin('surveys', 'surveys.id', 'survey_responses.survey_id')
		.select([
			'surveys.title',
			'surveys.kind',
			'survey_responses.status',
			'survey_responses.answers',
			'survey_responses.submitted_answers',
			'survey_responses.created_at',
			'survey_responses.submitted_at'
		])
		.where('survey_responses.user_id', '=', userId)
		.execute();
	return {
		exportedAt: new Date().toISOString(),
		format: 'mitreden-account-export/1',
		account: {
			id: user.id,
			email: user.email,
			emailVerifiedAt: user.emailVerifiedAt,
			displayName: user.displayName,
			locale: user.locale,
			roles: user.roles,
			createdAt: user.createdAt
		},
		sessions: sessions.map((s) => ({
			createdAt: s.created_at,
			expiresAt: s.expires_at,
			absoluteExpiresAt: s.absolute_expires_at
		})),
		auditLog: audit.items.map((a) => ({
			at: a.createdAt,
			action: a.action,
			byYou: a.actorId === userId,
			targetType: a.targetType,
			details: a.details
		})),
		surveyResponses: responses.map((r) => ({
			survey: r.title,
			kind: r.kind,
			status: r.status,
			startedAt: r.created_at,
			submittedAt: r.submitted_at,
			answers: r.answers,
			submittedAnswers: r.submitted_answers
		})),
		accessibilityFeedback: feedback.map((f) => ({
			createdAt: f.created_at,
			name: f.name,
			pageUrl: f.page_url,
			message: f.message
		}))
	};
}

/**
 * Deletes the person, not their contributions: the row stays as an anonymous "gelöschtes
 * Konto" so replies and votes keep their meaning, but nothing identifies the person any more.
 */
export async function deleteAccount(db: Db, userId: string): Promise<void> {
	const user = await findUserById(db, userId);
	if (!user || user.deletedAt) return;
	// The same rule as in admin.ts: without an active admin nobody can manage accounts any more.
	if (user.roles.includes('admin') && !user.disabledAt && (await countAdmins(db)) <= 1) {
		error(409, LAST_ADMIN_CANNOT_DELETE);
	}
	if (user.email) {
		await db
			.updateTable('accessibility_feedback')
			.set({ email: null, name: null })
			.where('email', '=', user.email)
			.execute();
	}
	await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
	await db.deleteFrom('auth_tokens').where('user_id', '=', userId).execute();
	await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
	await db
		.updateTable('users')
		.set({
			email: null,
			password_hash: null,
			display_name: null,
			email_verified_at: null,
			deleted_at: new Date(),
			updated_at: new Date()
		})
		.where('id', '=', userId)
		.execute();
	await recordAudit(db, {
		actorId: userId,
		action: 'user.deleted_self',
		targetType: 'user',
		targetId: userId
	});
}
