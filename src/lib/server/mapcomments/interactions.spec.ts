import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeRateLimit } from '../auth/rate-limit.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { MailJob } from '../jobs/queue.ts';
import type { Role } from '../db/schema.ts';
import { createUser } from '../testing/factories.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { loadCommentPage } from './comment-details.ts';
import { createComment } from './comments.service.ts';
import { replyForm } from './moderation-forms.ts';
import {
	replyToComment,
	reportContribution,
	supportComment,
	withdrawSupport
} from './interactions.ts';
import {
	answerComment,
	dismissReports,
	hideContribution,
	moderationQueue,
	restoreContribution
} from './moderation.ts';
import { createTestMapStage, type TestMapStage } from './test-map-stage.ts';

let app: TestApp;
let stage: TestMapStage;

async function person(roles: Role[] = [], verified = true): Promise<SessionUser> {
	const u = await createUser(app.ctx.db, { roles, verified });
	return {
		id: u.id,
		email: u.email,
		displayName: null,
		locale: 'de',
		roles: ['resident', ...roles],
		verified
	};
}

async function comment(author: SessionUser, s: TestMapStage = stage): Promise<string> {
	const result = await createComment(app.ctx, author, s.stageId, {
		categoryId: s.categoryIds[0]!,
		title: 'Bank am Brunnen',
		body: 'Hier fehlt eine Bank.\nAm besten im Schatten.',
		geometry: JSON.stringify({ type: 'Point', coordinates: [7.335, 50.775] }),
		planId: null,
		placeId: null,
		photo: null,
		photoAlt: ''
	});
	if (!result.ok) throw new Error(result.error);
	return result.id;
}

const row = (id: string) =>
	app.ctx.db.selectFrom('map_comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const mailsTo = (to: string) => app.boss.findJobs<MailJob>('send-mail', { data: { to } });

beforeAll(async () => {
	app = await createTestApp();
	stage = await createTestMapStage(app.ctx.db, { reportThreshold: 2 });
});
afterAll(async () => {
	await app?.close();
});

describe('supportComment', () => {
	it('counts a support once; the second is refused with 409 and the count stays 1', async () => {
		const id = await comment(await person());
		const fan = await person();
		expect(await supportComment(app.ctx, fan, id)).toEqual({ ok: true, supportCount: 1 });
		expect(await supportComment(app.ctx, fan, id)).toEqual({
			ok: false,
			status: 409,
			error: 'mmAlreadySupported'
		});
		expect((await row(id)).support_count).toBe(1);
		expect((await withdrawSupport(app.ctx, fan, id)).ok).toBe(true);
		expect((await row(id)).support_count).toBe(0);
	});

	it('refuses the author, unverified accounts and hidden comments', async () => {
		const author = await person();
		const id = await comment(author);
		expect(await supportComment(app.ctx, author, id)).toMatchObject({
			status: 403,
			error: 'mmSupportOwn'
		});
		const unverified = await person([], false);
		expect(await supportComment(app.ctx, unverified, id)).toMatchObject({ status: 403 });
		await hideContribution(
			app.ctx,
			await person(['moderator']),
			{ targetKind: 'comment', targetId: id },
			'Werbung'
		);
		expect(await supportComment(app.ctx, await person(), id)).toMatchObject({ status: 404 });
		expect((await row(id)).support_count).toBe(0);
	});
});

describe('replyToComment', () => {
	it('stores HTML as text and counts the reply in the same transaction', async () => {
		const id = await comment(await person());
		const parsed = replyForm.parse({ body: '<script>alert(1)</script>\r\nZweite Zeile' });
		const result = await replyToComment(app.ctx, await person(), id, parsed.body);
		expect(result.ok).toBe(true);
		const page = await loadCommentPage(app.ctx.db, stage.slug, id, null);
		expect(page?.comment.replies.map((r) => r.body)).toEqual([
			'<script>alert(1)</script>\nZweite Zeile'
		]);
		expect((await row(id)).reply_count).toBe(1);
	});

	it('refuses a reply to a hidden comment (author still sees it) and stores nothing', async () => {
		const author = await person();
		const id = await comment(author);
		await hideContribution(
			app.ctx,
			await person(['moderator']),
			{ targetKind: 'comment', targetId: id },
			'Beleidigend'
		);
		expect(await replyToComment(app.ctx, author, id, 'Warum?')).toEqual({
			ok: false,
			status: 409,
			error: 'mmReplyToHidden'
		});
		const replies = await app.ctx.db
			.selectFrom('map_comment_replies')
			.where('comment_id', '=', id)
			.selectAll()
			.execute();
		expect(replies).toEqual([]);
		expect((await row(id)).reply_count).toBe(0);
	});

	it('refuses replies beyond the hourly limit with 429 and stores nothing', async () => {
		const id = await comment(await person());
		const busy = await person();
		for (let i = 0; i < 60; i++) {
			await consumeRateLimit(app.ctx.db, `map-reply:${busy.id}`, 60, 3_600_000);
		}
		expect(await replyToComment(app.ctx, busy, id, 'Noch eine')).toMatchObject({
			status: 429,
			error: 'mapRateLimited'
		});
		expect((await row(id)).reply_count).toBe(0);
	});

	it('refuses replies when the stage is closed', async () => {
		const closed = await createTestMapStage(app.ctx.db, { status: 'open' });
		const id = await comment(await person(), closed);
		await app.ctx.db
			.updateTable('map_stages')
			.set({ status: 'closed' })
			.where('id', '=', closed.stageId)
			.execute();
		expect(await replyToComment(app.ctx, await person(), id, 'Hallo')).toMatchObject({
			status: 403,
			error: 'mapStageClosed'
		});
	});
});

describe('reportContribution', () => {
	it('refuses a second report by the same person with 409', async () => {
		const id = await comment(await person());
		const reporter = await person();
		const target = { kind: 'comment' as const, id };
		expect(await reportContribution(app.ctx, reporter, id, target, 'Spam')).toEqual({
			ok: true,
			hidden: false
		});
		expect(await reportContribution(app.ctx, reporter, id, target, 'Noch mal')).toMatchObject({
			status: 409,
			error: 'mmAlreadyReported'
		});
		expect((await row(id)).report_count).toBe(1);
	});

	it('hides at the threshold, tells the author by mail and on the page, and the public gets 404', async () => {
		const author = await person();
		const id = await comment(author);
		const target = { kind: 'comment' as const, id };
		await reportContribution(app.ctx, await person(), id, target, 'Beleidigung');
		expect(await reportContribution(app.ctx, await person(), id, target, 'Beleidigung')).toEqual({
			ok: true,
			hidden: true
		});
		const r = await row(id);
		expect([r.hidden_kind, r.hidden_reason]).toEqual([
			'reports',
			'Mehrfach gemeldet, wird geprüft'
		]);
		expect(await loadCommentPage(app.ctx.db, stage.slug, id, null)).toBeNull();
		expect(await loadCommentPage(app.ctx.db, stage.slug, id, await person())).toBeNull();
		const own = await loadCommentPage(app.ctx.db, stage.slug, id, author);
		expect(own?.comment.hidden).toEqual({
			kind: 'reports',
			reason: 'Mehrfach gemeldet, wird geprüft'
		});
		const mails = await mailsTo(author.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]!.data.text).toContain('Mehrfach gemeldet, wird geprüft');
		expect(mails[0]!.data.text).toContain(`/beteiligung/${stage.slug}/karte/hinweise/${id}`);
	});

	it('reports a reply of this comment only, never a reply of the reporter', async () => {
		const id = await comment(await person());
		const replier = await person();
		const reply = await replyToComment(app.ctx, replier, id, 'Unsinn');
		if (!reply.ok) throw new Error('reply');
		const other = await comment(await person());
		const wrong = { kind: 'reply' as const, id: reply.id };
		expect(await reportContribution(app.ctx, await person(), other, wrong, 'x')).toMatchObject({
			status: 404
		});
		expect(await reportContribution(app.ctx, replier, id, wrong, 'x')).toMatchObject({
			status: 403,
			error: 'mmReportOwn'
		});
		expect(await reportContribution(app.ctx, await person(), id, wrong, 'Unhöflich')).toEqual({
			ok: true,
			hidden: false
		});
	});
});

describe('moderation', () => {
	it('hides with a reason and mails the author; restore shows it again and resolves reports', async () => {
		const author = await person();
		const moderator = await person(['moderator']);
		const id = await comment(author);
		const t = { targetKind: 'comment' as const, targetId: id };
		await reportContribution(app.ctx, await person(), id, { kind: 'comment', id }, 'Werbung');
		const queued = await moderationQueue(app.ctx.db, moderator);
		expect(queued.ok && queued.items.some((i) => i.target.id === id)).toBe(true);
		expect((await hideContribution(app.ctx, moderator, t, 'Werbung für ein Geschäft')).ok).toBe(
			true
		);
		expect(await hideContribution(app.ctx, moderator, t, 'nochmal')).toMatchObject({ status: 409 });
		expect((await row(id)).hidden_reason).toBe('Werbung für ein Geschäft');
		expect(await loadCommentPage(app.ctx.db, stage.slug, id, null)).toBeNull();
		const own = await loadCommentPage(app.ctx.db, stage.slug, id, author);
		expect(own?.comment.hidden).toEqual({ kind: 'moderator', reason: 'Werbung für ein Geschäft' });
		const staff = await loadCommentPage(app.ctx.db, stage.slug, id, moderator);
		expect(staff?.openReports).toEqual({});
		expect((await mailsTo(author.email))[0]?.data.text).toContain('Werbung für ein Geschäft');
		const after = await moderationQueue(app.ctx.db, moderator);
		expect(after.ok && after.items.some((i) => i.target.id === id)).toBe(false);
		expect((await restoreContribution(app.ctx, moderator, t)).ok).toBe(true);
		expect((await row(id)).hidden_at).toBeNull();
		expect(await loadCommentPage(app.ctx.db, stage.slug, id, null)).not.toBeNull();
		expect(await restoreContribution(app.ctx, moderator, t)).toMatchObject({
			status: 409,
			error: 'mmNotHidden'
		});
	});

	it('dismissing reports lifts a hiding by the threshold', async () => {
		const moderator = await person(['moderator']);
		const id = await comment(await person());
		for (let i = 0; i < 2; i++)
			await reportContribution(app.ctx, await person(), id, { kind: 'comment', id }, 'Falsch');
		const queue = await moderationQueue(app.ctx.db, moderator);
		expect(queue.ok && queue.items[0]?.hidden?.kind).toBe('reports');
		expect(
			(await dismissReports(app.ctx, moderator, { targetKind: 'comment', targetId: id })).ok
		).toBe(true);
		expect((await row(id)).hidden_at).toBeNull();
		const open = await app.ctx.db
			.selectFrom('map_reports')
			.select('id')
			.where('comment_id', '=', id)
			.where('resolved_at', 'is', null)
			.execute();
		expect(open).toEqual([]);
	});

	it('a hidden reply shows only its reason to the public', async () => {
		const id = await comment(await person());
		const reply = await replyToComment(app.ctx, await person(), id, 'Beleidigung');
		if (!reply.ok) throw new Error('reply');
		await hideContribution(
			app.ctx,
			await person(['moderator']),
			{ targetKind: 'reply', targetId: reply.id },
			'Beleidigend'
		);
		const page = await loadCommentPage(app.ctx.db, stage.slug, id, null);
		expect(page?.comment.replies[0]).toMatchObject({
			body: '',
			hidden: { kind: 'moderator', reason: 'Beleidigend' }
		});
	});

	it('refuses non-moderators and non-planners with 403 and changes nothing', async () => {
		const resident = await person();
		const id = await comment(await person());
		const t = { targetKind: 'comment' as const, targetId: id };
		expect(await hideContribution(app.ctx, resident, t, 'x')).toMatchObject({ status: 403 });
		expect(await restoreContribution(app.ctx, resident, t)).toMatchObject({ status: 403 });
		expect(await dismissReports(app.ctx, resident, t)).toMatchObject({ status: 403 });
		expect(await moderationQueue(app.ctx.db, resident)).toMatchObject({ status: 403 });
		expect(
			await answerComment(app.ctx, await person(['moderator']), id, {
				status: 'accepted',
				answer: 'Ja'
			})
		).toMatchObject({ status: 403 });
		const r = await row(id);
		expect([r.hidden_at, r.status, r.answer]).toEqual([null, 'new', '']);
	});

	it('a planner sets status and answer, shown with its date', async () => {
		const id = await comment(await person());
		const planner = await person(['planner']);
		expect(
			(await answerComment(app.ctx, planner, id, { status: 'accepted', answer: 'Wird umgesetzt.' }))
				.ok
		).toBe(true);
		const page = await loadCommentPage(app.ctx.db, stage.slug, id, null);
		expect(page?.comment).toMatchObject({ status: 'accepted', answer: 'Wird umgesetzt.' });
		expect(page?.comment.answeredAt).not.toBeNull();
	});
});

describe('loadCommentPage', () => {
	it('is null for another consultation, a draft consultation, and unknown ids', async () => {
		const id = await comment(await person());
		expect(await loadCommentPage(app.ctx.db, 'anderes-verfahren', id, null)).toBeNull();
		expect(
			await loadCommentPage(app.ctx.db, stage.slug, '00000000-0000-4000-8000-000000000000', null)
		).toBeNull();
		const draft = await createTestMapStage(app.ctx.db, { consultationStatus: 'draft' });
		const inDraft = await app.ctx.db
			.insertInto('map_comments')
			.values({
				stage_id: draft.stageId,
				category_id: draft.categoryIds[0]!,
				title: 'Entwurf',
				body: 'x',
				geometry: JSON.stringify({ type: 'Point', coordinates: [7.335, 50.775] }),
				geometry_type: 'Point',
				min_x: 7.335,
				min_y: 50.775,
				max_x: 7.335,
				max_y: 50.775,
				anchor_x: 7.335,
				anchor_y: 50.775,
				updated_at: new Date()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(await loadCommentPage(app.ctx.db, draft.slug, inDraft.id, await person())).toBeNull();
		expect(
			await loadCommentPage(app.ctx.db, draft.slug, inDraft.id, await person(['planner']))
		).not.toBeNull();
	});
});
