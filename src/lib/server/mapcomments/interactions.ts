import { recordAudit } from '../audit/audit.repository.ts';
import { consumeRateLimit } from '../auth/rate-limit.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { messages, type MessageKey } from '../../i18n/index.ts';
import { acceptsContributions, maySee } from './comment-details.ts';
import { findCommentRecord, type CommentRecord } from './comment-page.repository.ts';
import { mailHiddenNotice, type MailDeps } from './hidden-mail.ts';
import {
	countOpenReports,
	countReplyIfVisible,
	deleteSupport,
	findReply,
	hideTarget,
	insertReply,
	insertReport,
	insertSupport,
	lockVisibleComment,
	recountSupports,
	type Target
} from './moderation.repository.ts';

// What residents do on a comment's page: reply (one level), support once, report. Every refusal
// is decided before the first write, or inside the transaction before anything is written.

export type Refusal = { ok: false; status: 400 | 403 | 404 | 409 | 429; error: MessageKey };
export type Done<T = object> = ({ ok: true } & T) | Refusal;

const refuse = (status: Refusal['status'], error: MessageKey): Refusal => ({
	ok: false,
	status,
	error
});

// Generous for a lively discussion; stops a script flooding a comment.
const REPLIES_PER_HOUR = 60;
const REPORTS_PER_HOUR = 30;
const HOUR_MS = 60 * 60 * 1000;

/** The 429 refusal once this person has used up the hour's allowance (this attempt counts). */
async function hourlyLimit(deps: MailDeps, key: string, perHour: number): Promise<Refusal | null> {
	const allowed = await consumeRateLimit(deps.db, key, perHour, HOUR_MS);
	return allowed ? null : refuse(429, 'mapRateLimited');
}

/** The comment, when this verified person may act on it; otherwise the refusal. */
async function actionable(
	deps: MailDeps,
	user: SessionUser,
	commentId: string
): Promise<{ ok: true; rec: CommentRecord } | Refusal> {
	const rec = await findCommentRecord(deps.db, commentId);
	if (!rec || !maySee(rec, user)) return refuse(404, 'error404');
	if (!user.verified) return refuse(403, 'mmVerifiedOnly');
	return { ok: true, rec };
}

export async function replyToComment(
	deps: MailDeps,
	user: SessionUser,
	commentId: string,
	body: string
): Promise<Done<{ id: string }>> {
	const found = await actionable(deps, user, commentId);
	if (!found.ok) return found;
	if (found.rec.details.hidden) return refuse(409, 'mmReplyToHidden');
	if (!acceptsContributions(found.rec)) return refuse(403, 'mapStageClosed');
	const limited = await hourlyLimit(deps, `map-reply:${user.id}`, REPLIES_PER_HOUR);
	if (limited) return limited;
	return deps.db.transaction().execute(async (trx) => {
		// Hidden between the check above and now: nothing is written.
		if (!(await countReplyIfVisible(trx, commentId))) return refuse(409, 'mmReplyToHidden');
		const id = await insertReply(trx, { commentId, authorId: user.id, body });
		await recordAudit(trx, {
			actorId: user.id,
			action: 'mapcomment.replied',
			targetType: 'map_comment_reply',
			targetId: id,
			details: { commentId }
		});
		return { ok: true as const, id };
	});
}

/**
 * One support per person and comment (the table's primary key). Authors cannot support their own
 * comment: the count should say how many others agree.
 */
export async function supportComment(
	deps: MailDeps,
	user: SessionUser,
	commentId: string
): Promise<Done<{ supportCount: number }>> {
	const found = await actionable(deps, user, commentId);
	if (!found.ok) return found;
	if (found.rec.details.hidden) return refuse(409, 'mmSupportHidden');
	if (found.rec.details.authorId === user.id) return refuse(403, 'mmSupportOwn');
	if (!acceptsContributions(found.rec)) return refuse(403, 'mapStageClosed');
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockVisibleComment(trx, commentId))) return refuse(409, 'mmSupportHidden');
		if (!(await insertSupport(trx, commentId, user.id))) return refuse(409, 'mmAlreadySupported');
		return { ok: true as const, supportCount: await recountSupports(trx, commentId) };
	});
}

export async function withdrawSupport(
	deps: MailDeps,
	user: SessionUser,
	commentId: string
): Promise<Done<{ supportCount: number }>> {
	const found = await actionable(deps, user, commentId);
	if (!found.ok) return found;
	if (!acceptsContributions(found.rec)) return refuse(403, 'mapStageClosed');
	return deps.db.transaction().execute(async (trx) => {
		await lockVisibleComment(trx, commentId);
		if (!(await deleteSupport(trx, commentId, user.id))) return refuse(409, 'mmNotSupported');
		return { ok: true as const, supportCount: await recountSupports(trx, commentId) };
	});
}

/** The reported contribution: this comment or one of its replies, with its author. */
async function reportTarget(deps: MailDeps, rec: CommentRecord, target: Target) {
	if (target.kind === 'comment') {
		if (target.id !== rec.details.id) return null;
		return { authorId: rec.details.authorId, hidden: !!rec.details.hidden };
	}
	const reply = await findReply(deps.db, target.id);
	return reply?.commentId === rec.details.id ? reply : null;
}

/**
 * Records a report. When the open reports on the target reach the stage's threshold, the target
 * is hidden pending review and its author is told why (mail and the notice on the page).
 */
export async function reportContribution(
	deps: MailDeps,
	user: SessionUser,
	commentId: string,
	target: Target,
	reason: string
): Promise<Done<{ hidden: boolean }>> {
	const found = await actionable(deps, user, commentId);
	if (!found.ok) return found;
	const { rec } = found;
	const reported = await reportTarget(deps, rec, target);
	if (!reported || (target.kind === 'reply' && rec.details.hidden)) return refuse(404, 'error404');
	if (reported.hidden) return refuse(409, 'mmReportHidden');
	if (reported.authorId === user.id) return refuse(403, 'mmReportOwn');
	const limited = await hourlyLimit(deps, `map-report:${user.id}`, REPORTS_PER_HOUR);
	if (limited) return limited;
	const hiddenReason = messages('de').mmReportsHiddenReason;
	const result = await deps.db.transaction().execute(async (trx) => {
		if (!(await insertReport(trx, target, user.id, reason)))
			return refuse(409, 'mmAlreadyReported');
		const open = await countOpenReports(trx, target);
		const hidden =
			open >= rec.reportThreshold &&
			(await hideTarget(trx, target, { kind: 'reports', reason: hiddenReason, by: null }));
		await recordAudit(trx, {
			actorId: user.id,
			action: hidden ? 'mapcomment.reported_hidden' : 'mapcomment.reported',
			targetType: target.kind === 'comment' ? 'map_comment' : 'map_comment_reply',
			targetId: target.id,
			details: { commentId, openReports: open }
		});
		return { ok: true as const, hidden };
	});
	if (result.ok && result.hidden) {
		await mailHiddenNotice(deps, {
			authorId: reported.authorId,
			title: rec.details.title,
			reason: null,
			slug: rec.consultationSlug,
			commentId
		});
	}
	return result;
}
