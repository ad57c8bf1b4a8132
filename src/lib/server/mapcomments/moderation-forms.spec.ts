import { describe, expect, it } from 'vitest';
import { parseForm } from '../http/forms.ts';
import { answerForm, hideForm, replyForm, reportForm } from './moderation-forms.ts';

const form = (values: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) data.set(k, v);
	return data;
};
const ID = '6f1c2a4e-8a5b-4c1d-9e2f-0a1b2c3d4e5f';

describe('map moderation forms', () => {
	it('refuses an empty or overlong reply with German messages', () => {
		const empty = parseForm(replyForm, form({ body: '   ' }), 'de');
		expect(empty.ok).toBe(false);
		if (!empty.ok) expect(empty.errors.body).toMatch(/\w/);
		const long = parseForm(replyForm, form({ body: 'x'.repeat(1001) }), 'de');
		expect(long.ok).toBe(false);
		if (!long.ok) expect(long.errors.body).toContain('1000');
	});

	it('strips invisible control characters but keeps line breaks and markup as text', () => {
		const parsed = parseForm(replyForm, form({ body: 'a\u202eb\r\n<i>c</i>' }), 'de');
		expect(parsed).toEqual({ ok: true, data: { body: 'ab\n<i>c</i>' } });
	});

	it('requires a reason and a well-formed target for reports and hiding', () => {
		const noReason = parseForm(reportForm, form({ targetKind: 'comment', targetId: ID }), 'de');
		expect(noReason.ok).toBe(false);
		if (!noReason.ok) expect(Object.keys(noReason.errors)).toEqual(['reason']);
		const badTarget = parseForm(
			hideForm,
			form({ targetKind: 'survey', targetId: "1' or 1=1", reason: 'x' }),
			'de'
		);
		expect(badTarget.ok).toBe(false);
		if (!badTarget.ok)
			expect(Object.keys(badTarget.errors).sort()).toEqual(['targetId', 'targetKind']);
		const long = parseForm(
			reportForm,
			form({ targetKind: 'reply', targetId: ID, reason: 'x'.repeat(501) }),
			'de'
		);
		expect(long.ok).toBe(false);
	});

	it('accepts a status without an answer and refuses unknown statuses', () => {
		expect(parseForm(answerForm, form({ status: 'in_review' }), 'de')).toEqual({
			ok: true,
			data: { status: 'in_review', answer: '' }
		});
		const bad = parseForm(answerForm, form({ status: 'done', answer: 'x' }), 'de');
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.errors.status).toBe('Bitte wählen Sie einen der angebotenen Status.');
		expect(parseForm(answerForm, form({ status: 'new', answer: 'x'.repeat(4001) }), 'de').ok).toBe(
			false
		);
	});
});
