import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaStore } from '../media/media-store.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createUser } from '../testing/factories.ts';
import { CAPTIONS_MAX_BYTES, checkWebVtt, removeCaptions, saveCaptions } from './captions.ts';
import { findRecordingByMeeting, setRecordingSource } from './recordings.repository.ts';

const enc = (text: string) => new TextEncoder().encode(text);
const GOOD = `WEBVTT - Ratssitzung

NOTE Untertitel der Sitzung

1
00:00:01.000 --> 00:00:04.500 line:90%
<v Bürgermeister>Ich eröffne die Sitzung.</v>

00:05.000 --> 00:07.250
<i>Beifall</i> im <c.laut>Saal</c> <00:06.000>jetzt
`;

describe('checkWebVtt', () => {
	it('accepts WebVTT with a byte order mark, CRLF, voices, classes and inline times', () => {
		expect(checkWebVtt(enc(GOOD))).toBeNull();
		expect(checkWebVtt(enc(`\uFEFF${GOOD.replace(/\n/g, '\r\n')}`))).toBeNull();
	});

	it('refuses obviously wrong files', () => {
		expect(checkWebVtt(new Uint8Array())).toBe('empty');
		expect(checkWebVtt(new Uint8Array(CAPTIONS_MAX_BYTES + 1))).toBe('tooBig');
		expect(checkWebVtt(Uint8Array.from([0x57, 0x45, 0x42, 0x56, 0x54, 0x54, 0x0a, 0xff]))).toBe(
			'encoding'
		);
		expect(checkWebVtt(enc('1\n00:00:01,000 --> 00:00:02,000\nSRT\n'))).toBe('header');
		expect(checkWebVtt(enc('WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n'))).toBe('header');
		expect(checkWebVtt(enc('WEBVTT\n\n00:01.000 --> 00:02\nx\n'))).toBe('timing');
		expect(checkWebVtt(enc('WEBVTT\n\n00:03.000 --> 00:02.000\nrückwärts\n'))).toBe('timing');
		expect(checkWebVtt(enc('WEBVTT\n\nnur Text\n'))).toBe('noCues');
		expect(checkWebVtt(enc('WEBVTT\n\n00:01.000 --> 00:02.000\n<script>alert(1)</script>\n'))).toBe(
			'markup'
		);
		expect(checkWebVtt(enc('WEBVTT\n\n00:01.000 --> 00:02.000\n<img src=x onerror=y>\n'))).toBe(
			'markup'
		);
		expect(
			checkWebVtt(
				enc('WEBVTT\n\nSTYLE\n::cue { background: url(http://x/) }\n\n00:01.000 --> 00:02.000\nx\n')
			)
		).toBe('markup');
	});
});

describe('saveCaptions / removeCaptions', () => {
	let app: TestApp;
	let dir: string;
	let clerk: string;
	let meetingId: string;

	beforeAll(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-captions-'));
		app = await createTestApp({ DATA_DIR: dir });
		clerk = (await createUser(app.ctx.db, { roles: ['clerk'] })).id;
		const { db } = app.ctx;
		const body = await db
			.insertInto('bodies')
			.values({ name: 'Rat' })
			.returning('id')
			.executeTakeFirstOrThrow();
		meetingId = (
			await db
				.insertInto('meetings')
				.values({ body_id: body.id, name: 'Sitzung', starts_at: new Date() })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	});
	afterAll(async () => {
		await app?.close();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it('needs a recording, stores the file as it is, replaces and removes it', async () => {
		expect(await saveCaptions(app.ctx, clerk, meetingId, enc(GOOD))).toEqual({
			ok: false,
			reason: 'noRecording'
		});
		await setRecordingSource(app.ctx.db, {
			meetingId,
			sourceKey: 'uploads/x/source',
			sourceName: 'x.mp4',
			sourceBytes: 1,
			startedAt: new Date(),
			userId: clerk
		});
		expect(await saveCaptions(app.ctx, clerk, meetingId, enc('WEBVTT\n\nkaputt'))).toEqual({
			ok: false,
			reason: 'noCues'
		});
		expect(await saveCaptions(app.ctx, clerk, meetingId, enc(GOOD))).toEqual({ ok: true });
		const store = mediaStore(app.ctx.config);
		const first = (await findRecordingByMeeting(app.ctx.db, meetingId))!;
		expect(first.captionsKey).toMatch(new RegExp(`^recordings/${first.id}/captions-\\d+\\.vtt$`));
		expect(await store.readText(first.captionsKey!)).toBe(GOOD);

		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(await saveCaptions(app.ctx, clerk, meetingId, enc(`${GOOD}\n`))).toEqual({ ok: true });
		const second = (await findRecordingByMeeting(app.ctx.db, meetingId))!;
		expect(second.captionsKey).not.toBe(first.captionsKey);
		expect(await store.stat(first.captionsKey!)).toBeNull();

		expect(await removeCaptions(app.ctx, clerk, meetingId)).toBe(true);
		expect((await findRecordingByMeeting(app.ctx.db, meetingId))?.captionsKey).toBeNull();
		expect(await store.stat(second.captionsKey!)).toBeNull();
		expect(await removeCaptions(app.ctx, clerk, meetingId)).toBe(false);
		const actions = await app.ctx.db
			.selectFrom('audit_log')
			.select('action')
			.where('target_id', '=', meetingId)
			.orderBy('id')
			.execute();
		expect(actions.map((a) => a.action)).toEqual([
			'recording.captions.set',
			'recording.captions.set',
			'recording.captions.remove'
		]);
	});
});
