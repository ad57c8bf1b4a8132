import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/sessions.ts';
import { createTestApp, testConfig, type TestApp } from '../testing/test-app.ts';
import { createUser } from '../testing/factories.ts';
import { exportAccountData } from '../privacy/account-data.ts';
import { answerInputFromFormData } from './answers.ts';
import { createCodes, hashCode, normalizeCode } from './codes.ts';
import { resolveParticipant, surveyState } from './participation.ts';
import { findResponse, saveResponse } from './responses.repository.ts';
import { savePage } from './runner.ts';
import { findSurvey, updateSurveySettings, type Survey } from './surveys.repository.ts';
import { createTestSurvey } from './test-survey.ts';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(async () => {
	await app?.close();
});

async function survey(mode: 'account' | 'code' | 'open'): Promise<Survey> {
	const { surveyId } = await createTestSurvey(app.ctx.db, { mode });
	return (await findSurvey(app.ctx.db, surveyId))!;
}

const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return answerInputFromFormData(f);
};

const resolve = (
	s: Survey,
	credential: { code?: string; resume?: string },
	start = true,
	user: SessionUser | null = null
) => resolveParticipant(app.ctx, s, { user, credential, clientAddress: '10.0.0.1', start });

describe('participation codes', () => {
	it('stores only hashes and accepts codes typed from paper', async () => {
		const s = await survey('code');
		const codes = await createCodes(app.ctx.db, s.id, 50);
		expect(new Set(codes).size).toBe(50);
		const rows = await app.ctx.db
			.selectFrom('participation_codes')
			.selectAll()
			.where('survey_id', '=', s.id)
			.execute();
		const stored = JSON.stringify(rows);
		for (const code of codes) expect(stored).not.toContain(code.replace(/-/g, ''));
		expect(rows.map((r) => r.code_hash)).toContain(hashCode(normalizeCode(codes[0]!)!));
		const typed = codes[0]!.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
		const first = await resolve(s, { code: typed });
		expect(first.ok).toBe(true);
	});

	it('lets a code in once; again only with its resume code', async () => {
		const s = await survey('code');
		const [code] = await createCodes(app.ctx.db, s.id, 1);
		const first = await resolve(s, { code });
		if (!first.ok) throw new Error(first.reason);
		expect(first.participant.resumeCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		expect(await resolve(s, { code })).toEqual({ ok: false, reason: 'codeUsed' });
		expect(await resolve(s, { code, resume: 'AAAA-BBBB-CCCC' })).toEqual({
			ok: false,
			reason: 'resumeUnknown'
		});
		const again = await resolve(s, { code, resume: first.participant.resumeCode! });
		expect(again.ok && again.participant.key).toBe(first.participant.key);
		expect(await resolve(s, { code: 'ZZZZ-ZZZZ-ZZZZ' })).toEqual({
			ok: false,
			reason: 'codeUnknown'
		});
		expect(await resolve(s, { code: '' })).toEqual({ ok: false, reason: 'codeMissing' });
		const used = await app.ctx.db
			.selectFrom('participation_codes')
			.select('first_used_at')
			.where('survey_id', '=', s.id)
			.executeTakeFirstOrThrow();
		expect(used.first_used_at).not.toBeNull();
	});

	it('admits exactly one of many people racing with the same code', async () => {
		const s = await survey('code');
		const [code] = await createCodes(app.ctx.db, s.id, 1);
		const results = await Promise.all(Array.from({ length: 12 }, () => resolve(s, { code })));
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok && r.reason === 'codeUsed')).toHaveLength(11);
		const rows = await app.ctx.db
			.selectFrom('survey_responses')
			.select('id')
			.where('survey_id', '=', s.id)
			.execute();
		expect(rows).toHaveLength(1);
	});
});

describe('responses', () => {
	it('stores one response per account even under parallel and repeated submissions', async () => {
		const s = await survey('account');
		const u = await createUser(app.ctx.db);
		const user: SessionUser = {
			id: u.id,
			email: u.email,
			displayName: null,
			locale: 'de',
			roles: ['resident'],
			verified: true
		};
		const resolved = await resolve(s, {}, true, user);
		if (!resolved.ok) throw new Error(resolved.reason);
		const answers = { [s.questions[0]!.id]: { choice: 'o1' } };
		const writes = Array.from({ length: 15 }, () =>
			saveResponse(app.ctx.db, {
				surveyId: s.id,
				participantKey: resolved.participant.key,
				userId: u.id,
				surveyVersion: 1,
				resumeHash: null,
				answers,
				currentPage: 0,
				submit: true
			})
		);
		expect((await Promise.all(writes)).every(Boolean)).toBe(true);
		const rows = await app.ctx.db
			.selectFrom('survey_responses')
			.selectAll()
			.where('survey_id', '=', s.id)
			.execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]!.status).toBe('submitted');
	});

	it('puts the responses of an account into its data export', async () => {
		const s = await survey('account');
		const u = await createUser(app.ctx.db);
		await saveResponse(app.ctx.db, {
			surveyId: s.id,
			participantKey: `u:${u.id}`,
			userId: u.id,
			surveyVersion: 1,
			resumeHash: null,
			answers: { [s.questions[0]!.id]: { choice: 'o2' } },
			currentPage: 0,
			submit: true
		});
		const exported = await exportAccountData(app.ctx.db, u.id);
		expect(exported.surveyResponses).toEqual([
			expect.objectContaining({
				survey: s.title,
				status: 'submitted',
				submittedAnswers: { [s.questions[0]!.id]: { choice: 'o2' } }
			})
		]);
	});

	it('refuses an account that is not verified', async () => {
		const s = await survey('account');
		expect(await resolve(s, {}, true, null)).toEqual({ ok: false, reason: 'loginRequired' });
	});

	it('keeps the submitted version until the edited one is submitted', async () => {
		const s = await survey('open');
		const started = await resolve(s, {});
		if (!started.ok) throw new Error(started.reason);
		const p = started.participant;
		const [q1, q2] = s.questions.map((q) => q.id);
		const next = await savePage(app.ctx, s, p, 0, form({ [`q.${q1}`]: 'o1' }), 'next');
		expect(next).toMatchObject({ kind: 'page', pageIndex: 1 });
		const done = await savePage(
			app.ctx,
			s,
			p,
			1,
			form({ [`q.${q2}`]: '<script>alert(1)</script>' }),
			'submit'
		);
		expect(done.kind).toBe('submitted');
		await savePage(app.ctx, s, p, 0, form({ [`q.${q1}`]: 'o2' }), 'next');
		const stored = (await findResponse(app.ctx.db, s.id, p.key))!;
		expect(stored.answers[q1!]).toEqual({ choice: 'o2' });
		expect(stored.submittedAnswers![q1!]).toEqual({ choice: 'o1' });
		expect(stored.submittedAnswers![q2!]).toEqual({ text: '<script>alert(1)</script>' });
		// Continuing later with the resume code reaches the same response.
		const later = await resolve(s, { resume: p.resumeCode! }, false);
		expect(later.ok && later.participant.key).toBe(p.key);
	});

	it('stores nothing for invalid or forged answers', async () => {
		const s = await survey('open');
		const started = await resolve(s, {});
		if (!started.ok) throw new Error(started.reason);
		const q1 = s.questions[0]!.id;
		const bad = await savePage(
			app.ctx,
			s,
			started.participant,
			0,
			form({ [`q.${q1}`]: 'o99' }),
			'next'
		);
		expect(bad.kind).toBe('invalid');
		const forged = await savePage(
			app.ctx,
			s,
			started.participant,
			0,
			form({ 'q.00000000-0000-0000-0000-000000000000': 'x' }),
			'next'
		);
		expect(forged.kind).toBe('invalid');
		const stored = await findResponse(app.ctx.db, s.id, started.participant.key);
		expect(stored?.answers).toEqual({});
	});
});

describe('rate limit', () => {
	it('counts code entries and open starts per address, not the page saves after them', async () => {
		const s = await survey('open');
		const strict = { ...app.ctx, config: testConfig({ RATE_LIMIT_PER_ADDRESS: '1' }) };
		const opts = (start: boolean, resume?: string) => ({
			user: null,
			credential: { resume },
			clientAddress: '10.9.9.9',
			start
		});
		const first = await resolveParticipant(strict, s, opts(true));
		if (!first.ok) throw new Error(first.reason);
		for (let i = 0; i < 30; i++) {
			const save = await resolveParticipant(strict, s, opts(false, first.participant.resumeCode!));
			expect(save.ok).toBe(true);
		}
		for (let i = 0; i < 9; i++)
			expect((await resolveParticipant(strict, s, opts(true))).ok).toBe(true);
		expect(await resolveParticipant(strict, s, opts(true))).toEqual({
			ok: false,
			reason: 'rateLimited'
		});
	});
});

describe('survey state', () => {
	it('closes at the closing time, whatever the page shows', async () => {
		const s = await survey('open');
		expect(surveyState(s)).toBe('open');
		await updateSurveySettings(app.ctx.db, s.id, { closesAt: new Date(Date.now() - 1000) });
		expect(surveyState((await findSurvey(app.ctx.db, s.id))!)).toBe('closed');
		await updateSurveySettings(app.ctx.db, s.id, {
			closesAt: null,
			opensAt: new Date(Date.now() + 60_000)
		});
		expect(surveyState((await findSurvey(app.ctx.db, s.id))!)).toBe('upcoming');
	});
});
