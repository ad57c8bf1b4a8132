import { recordAudit } from '../audit/audit.repository.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/index.ts';
import type { HiddenKind } from '../../mapcomments/types.ts';
import { findCommentRecord, type CommentRecord } from './comment-page.repository.ts';
import { mailHiddenNotice, type MailDeps } from './hidden-mail.ts';
import type { Done, Refusal } from './interactions.ts';
import type { AnswerInput, TargetInput } from './moderation-forms.ts';
import {
	findReply,
	hideTarget,
	resolveReports,
	saveAnswer,
	unhideTarget,
	type Target
} from './moderation.repository.ts';
import { listOpenReports, QUEUE_LIMIT } from './queue.repository.ts';

// What moderators and planners do with comments. Each service checks the role itself as well as
// the route, so no other caller can skip it; every change is audited in its own transaction.

const refuse = (status: Refusal['status'], error: Refusal['error']): Refusal => ({
	ok: false,
	status,
	error
});

const auditType = (t: Target) => (t.kind === 'comment' ? 'map_comment' : 'map_comment_reply');

/** The target and the comment it belongs to (for the mail's link and title). */
async function located(
	db: Db,
	t: TargetInput
): Promise<{ target: Target; rec: CommentRecord; authorId: string | null } | null> {
	const target: Target = { kind: t.targetKind, id: t.targetId };
	if (target.kind === 'comment') {
		const rec = await findCommentRecord(db, target.id);
		return rec && { target, rec, authorId: rec.details.authorId };
	}
	const reply = await findReply(db, target.id);
	const rec = reply && (await findCommentRecord(db, reply.commentId));
	return reply && rec ? { target, rec, authorId: reply.authorId } : null;
}

/** Hides a comment or reply with a reason; resolves its open reports and mails the author. */
export async function hideContribution(
	deps: MailDeps,
	moderator: SessionUser,
	t: TargetInput,
	reason: string
): Promise<Done<{ commentId: string }>> {
	if (!moderator.roles.includes('moderator')) return refuse(403, 'error403');
	const found = await located(deps.db, t);
	if (!found) return refuse(404, 'error404');
	const hidden = await deps.db.transaction().execute(async (trx) => {
		const changed = await hideTarget(trx, found.target, {
			kind: 'moderator',
			reason,
			by: moderator.id
		});
		if (!changed) return false;
		await resolveReports(trx, found.target, moderator.id);
		await recordAudit(trx, {
			actorId: moderator.id,
			action: 'mapcomment.hidden',
			targetType: auditType(found.target),
			targetId: found.target.id,
			details: { reason }
		});
		return true;
	});
	if (!hidden) return refuse(409, 'mmAlreadyHidden');
	await mailHiddenNotice(deps, {
		authorId: found.authorId,
		title: found.rec.details.title,
		reason,
		slug: found.rec.consultationSlug,
		commentId: found.rec.details.id
	});
	return { ok: true, commentId: found.rec.details.id };
}

/**
 * `restore`: shows the target again however it was hidden and resolves its open reports.
 * `dismiss`: the reports were unfounded; resolves them and lifts a hiding by the threshold, but
 * leaves a moderator's own decision to hide in place.
 */
async function release(
	deps: MailDeps,
	moderator: SessionUser,
	t: TargetInput,
	mode: 'restore' | 'dismiss'
): Promise<Done<{ commentId: string }>> {
	if (!moderator.roles.includes('moderator')) return refuse(403, 'error403');
	const found = await located(deps.db, t);
	if (!found) return refuse(404, 'error404');
	const onlyKind: HiddenKind | undefined = mode === 'dismiss' ? 'reports' : undefined;
	const changed = await deps.db.transaction().execute(async (trx) => {
		const shown = await unhideTarget(trx, found.target, onlyKind);
		if (mode === 'restore' && !shown) return false;
		const resolved = await resolveReports(trx, found.target, moderator.id);
		if (mode === 'dismiss' && resolved === 0 && !shown) return false;
		await recordAudit(trx, {
			actorId: moderator.id,
			action: mode === 'restore' ? 'mapcomment.restored' : 'mapcomment.reports_dismissed',
			targetType: auditType(found.target),
			targetId: found.target.id,
			details: { resolvedReports: resolved, shown }
		});
		return true;
	});
	if (!changed) return refuse(409, mode === 'restore' ? 'mmNotHidden' : 'mmNoOpenReports');
	return { ok: true, commentId: found.rec.details.id };
}

export const restoreContribution = (deps: MailDeps, moderator: SessionUser, t: TargetInput) =>
	release(deps, moderator, t, 'restore');

export const dismissReports = (deps: MailDeps, moderator: SessionUser, t: TargetInput) =>
	release(deps, moderator, t, 'dismiss');

/** A planner sets the status and the public answer (shown with its date). */
export async function answerComment(
	deps: Pick<MailDeps, 'db'>,
	planner: SessionUser,
	commentId: string,
	input: AnswerInput
): Promise<Done> {
	if (!planner.roles.includes('planner')) return refuse(403, 'error403');
	const saved = await deps.db.transaction().execute(async (trx) => {
		if (!(await saveAnswer(trx, commentId, { ...input, by: planner.id }))) return false;
		await recordAudit(trx, {
			actorId: planner.id,
			action: 'mapcomment.answered',
			targetType: 'map_comment',
			targetId: commentId,
			details: { status: input.status, answered: input.answer !== '' }
		});
		return true;
	});
	return saved ? { ok: true } : refuse(404, 'error404');
}

export interface QueueItem {
	target: Target;
	commentId: string;
	commentTitle: string;
	text: string;
	consultationTitle: string;
	slug: string;
	hidden: { kind: HiddenKind; reason: string } | null;
	reports: { reason: string; createdAt: string }[];
}

/** Open reports grouped by target; targets hidden pending review first, then oldest first. */
export async function moderationQueue(
	db: Db,
	moderator: SessionUser
): Promise<{ ok: true; items: QueueItem[]; truncated: boolean } | Refusal> {
	if (!moderator.roles.includes('moderator')) return refuse(403, 'error403');
	const rows = await listOpenReports(db);
	const items = new Map<string, QueueItem>();
	for (const r of rows) {
		const target: Target = r.replyId
			? { kind: 'reply', id: r.replyId }
			: { kind: 'comment', id: r.commentId };
		let item = items.get(target.id);
		if (!item) {
			item = {
				target,
				commentId: r.commentId,
				commentTitle: r.commentTitle,
				text: r.text,
				consultationTitle: r.consultationTitle,
				slug: r.slug,
				hidden: r.hiddenKind ? { kind: r.hiddenKind, reason: r.hiddenReason } : null,
				reports: []
			};
			items.set(target.id, item);
		}
		item.reports.push({ reason: r.reason, createdAt: r.createdAt.toISOString() });
	}
	const pending = (i: QueueItem) => (i.hidden?.kind === 'reports' ? 0 : 1);
	// Map keeps first-seen order (oldest report first); the sort is stable.
	const sorted = [...items.values()].sort((a, b) => pending(a) - pending(b));
	return { ok: true, items: sorted, truncated: rows.length >= QUEUE_LIMIT };
}
