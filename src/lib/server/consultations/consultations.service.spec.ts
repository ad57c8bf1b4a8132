import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { findFileById } from '../media/files.repository.ts';
import { createUser } from '../testing/factories.ts';
import { createTestDatabase, testConfig } from '../testing/test-app.ts';
import { addDocument, removeCover, removeDocument, saveCover } from './consultation-media.ts';
import { loadConsultationDetails } from './consultation-page.ts';
import { findConsultationById } from './consultations.repository.ts';
import {
	addFeedback,
	archiveConsultation,
	createConsultation,
	editFeedback,
	publishConsultation,
	removeFeedback,
	savePhases,
	updateBasics,
	type ConsultationDeps
} from './consultations.service.ts';
import type { BasicsInput } from './forms.ts';
import { createTestConsultation } from './test-consultation.ts';

let database: Database;
let dataDir: string;
let deps: ConsultationDeps;
let planner: string;
beforeAll(async () => {
	database = await createTestDatabase();
	dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mitreden-consultations-'));
	deps = { db: database.db, config: testConfig({ DATA_DIR: dataDir }) };
	planner = (await createUser(database.db, { roles: ['planner'] })).id;
});
afterAll(async () => {
	await database?.close();
	if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

const input = (over: Partial<BasicsInput> = {}): BasicsInput => ({
	title: 'Radschnellweg Sieg',
	slug: `radschnellweg-${Math.random().toString(36).slice(2, 8)}`,
	summary: '',
	body: '# Ziel\n\n<script>x()</script>\n\nEin **Radweg** an der Sieg.',
	office: '',
	contactName: '',
	contactEmail: '',
	contactPhone: '',
	topics: ['Radverkehr'],
	location: null,
	...over
});

async function auditActions(id: string): Promise<string[]> {
	const rows = await database.db
		.selectFrom('audit_log')
		.select('action')
		.where('target_id', '=', id)
		.orderBy('id')
		.execute();
	return rows.map((r) => r.action);
}

async function storedFiles(): Promise<string[]> {
	const dir = path.join(dataDir, 'files');
	const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
	return entries.filter((e) => e.isFile()).map((e) => e.name);
}

const phases = [
	{ kind: 'information' as const, startsOn: '2026-01-01', endsOn: '2026-01-31', description: '' }
];

describe('creating and editing', () => {
	it('creates a draft with sanitised HTML and an audit entry', async () => {
		const result = await createConsultation(deps, planner, input());
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const c = (await findConsultationById(database.db, result.id))!;
		expect(c.status).toBe('draft');
		expect(c.bodyHtml).toBe('<h2>Ziel</h2>\n<p>Ein <strong>Radweg</strong> an der Sieg.</p>');
		expect(await auditActions(result.id)).toEqual(['consultation.created']);
	});

	it('refuses a taken address on create and on edit, writing nothing', async () => {
		const first = await createConsultation(deps, planner, input({ slug: 'vergeben' }));
		expect(first.ok).toBe(true);
		const count = async () =>
			(await database.db.selectFrom('consultations').select('id').execute()).length;
		const before = await count();
		expect(await createConsultation(deps, planner, input({ slug: 'vergeben' }))).toEqual({
			ok: false,
			reason: 'slugTaken'
		});
		expect(await count()).toBe(before);

		const other = await createConsultation(deps, planner, input({ title: 'Anderes' }));
		if (!other.ok) throw new Error('setup');
		const result = await updateBasics(deps, planner, other.id, input({ slug: 'vergeben' }));
		expect(result).toEqual({ ok: false, reason: 'slugTaken' });
		expect((await findConsultationById(database.db, other.id))!.title).toBe('Anderes');
		expect(await auditActions(other.id)).toEqual(['consultation.created']);
	});
});

describe('publishing and archiving', () => {
	it('publishes only complete drafts, then archives with confirmation of state', async () => {
		const created = await createConsultation(deps, planner, input());
		if (!created.ok) throw new Error('setup');
		const id = created.id;
		expect(await publishConsultation(deps, planner, id)).toEqual({
			ok: false,
			reason: 'incomplete',
			gaps: ['consPublishNeedsSummary', 'consPublishNeedsPhases']
		});
		expect(await archiveConsultation(deps, planner, id)).toEqual({
			ok: false,
			reason: 'notPublished'
		});

		await updateBasics(deps, planner, id, input({ summary: 'Kurz und klar.' }));
		await savePhases(deps, planner, id, phases);
		expect(await publishConsultation(deps, planner, id)).toEqual({ ok: true });
		const published = (await findConsultationById(database.db, id))!;
		expect(published.status).toBe('published');
		expect(published.publishedAt).toBeInstanceOf(Date);
		expect(await publishConsultation(deps, planner, id)).toEqual({ ok: false, reason: 'notDraft' });

		expect(await archiveConsultation(deps, planner, id)).toEqual({ ok: true });
		const archived = (await findConsultationById(database.db, id))!;
		expect(archived.status).toBe('archived');
		expect(archived.archivedAt).toBeInstanceOf(Date);
		expect(archived.publishedAt).toEqual(published.publishedAt);
		expect(await auditActions(id)).toEqual([
			'consultation.created',
			'consultation.updated',
			'consultation.phases_updated',
			'consultation.published',
			'consultation.archived'
		]);
	});

	it('answers unknown consultations with notFound', async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		expect((await publishConsultation(deps, planner, unknown)).ok).toBe(false);
		expect(await savePhases(deps, planner, unknown, phases)).toEqual({
			ok: false,
			reason: 'notFound'
		});
	});
});

describe('feedback entries', () => {
	it('adds, edits and deletes Markdown entries of one consultation only', async () => {
		const id = await createTestConsultation(database.db);
		const other = await createTestConsultation(database.db);
		const added = await addFeedback(deps, planner, id, {
			feedbackTitle: 'Ergebnis',
			feedbackBody: '## Was wir tun\n\n<img src=x onerror=alert(1)>Wir bauen.'
		});
		if (!added.ok) throw new Error('setup');
		let details = await loadConsultationDetails(
			database.db,
			(await findConsultationById(database.db, id))!
		);
		expect(details.feedback[0]!.bodyHtml).toBe('<h4>Was wir tun</h4>\n<p>Wir bauen.</p>');

		const edit = { feedbackTitle: 'Neu', feedbackBody: 'Text' };
		expect(await editFeedback(deps, planner, other, added.feedbackId, edit)).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(await editFeedback(deps, planner, id, added.feedbackId, edit)).toEqual({ ok: true });
		expect(await removeFeedback(deps, planner, other, added.feedbackId)).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(await removeFeedback(deps, planner, id, added.feedbackId)).toEqual({ ok: true });
		details = await loadConsultationDetails(
			database.db,
			(await findConsultationById(database.db, id))!
		);
		expect(details.feedback).toEqual([]);
		expect(await auditActions(id)).toEqual([
			'consultation.feedback_added',
			'consultation.feedback_updated',
			'consultation.feedback_deleted'
		]);
	});
});

describe('cover image and documents', () => {
	const file = (bytes: Uint8Array | Buffer, name: string, type: string) =>
		new File([new Uint8Array(bytes)], name, { type });
	const photo = () =>
		sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#0b5394' } })
			.jpeg()
			.withExif({ IFD0: { Make: 'DemoPhone' } })
			.toBuffer();

	it('refuses a text file named .jpg and a cover without alt text, storing nothing', async () => {
		const id = await createTestConsultation(database.db);
		const before = await storedFiles();
		const text = file(new TextEncoder().encode('kein Bild'), 'foto.jpg', 'image/jpeg');
		expect(await saveCover(deps, planner, id, { file: text, alt: 'Ein Foto' })).toEqual({
			ok: false,
			reason: 'file',
			error: 'mediaImageFormat'
		});
		const real = file(await photo(), 'foto.jpg', 'image/jpeg');
		expect(await saveCover(deps, planner, id, { file: real, alt: '' })).toEqual({
			ok: false,
			reason: 'altRequired'
		});
		expect(await saveCover(deps, planner, id, { file: null, alt: 'Nur Text' })).toEqual({
			ok: false,
			reason: 'fileRequired'
		});
		expect(await storedFiles()).toEqual(before);
		expect((await findConsultationById(database.db, id))!.coverFileId).toBeNull();
	});

	it('stores a cleaned cover, replaces it without leaving the old bytes, and removes it', async () => {
		const id = await createTestConsultation(database.db);
		const upload = async () =>
			saveCover(deps, planner, id, {
				file: file(await photo(), 'IMG 0001.jpeg', 'image/jpeg'),
				alt: 'Blaue Fläche'
			});
		expect(await upload()).toEqual({ ok: true });
		const first = (await findConsultationById(database.db, id))!;
		const firstFile = (await findFileById(database.db, first.coverFileId!))!;
		expect(firstFile).toMatchObject({
			mimeType: 'image/jpeg',
			width: 1600,
			height: 800,
			originalName: 'IMG 0001.jpg'
		});
		expect(await storedFiles()).toContain(firstFile.storageKey);

		expect(await upload()).toEqual({ ok: true });
		const second = (await findConsultationById(database.db, id))!;
		expect(second.coverFileId).not.toBe(first.coverFileId);
		expect(await findFileById(database.db, first.coverFileId!)).toBeNull();
		expect(await storedFiles()).not.toContain(firstFile.storageKey);

		expect(await saveCover(deps, planner, id, { file: null, alt: 'Neue Beschreibung' })).toEqual({
			ok: true
		});
		expect((await findConsultationById(database.db, id))!.coverAlt).toBe('Neue Beschreibung');

		const secondKey = (await findFileById(database.db, second.coverFileId!))!.storageKey;
		expect(await removeCover(deps, planner, id)).toEqual({ ok: true });
		expect((await findConsultationById(database.db, id))!).toMatchObject({
			coverFileId: null,
			coverAlt: ''
		});
		expect(await storedFiles()).not.toContain(secondKey);
	});

	it('accepts real PDFs only and removes the file with the document', async () => {
		const id = await createTestConsultation(database.db);
		const fake = file(new TextEncoder().encode('<html>'), 'plan.pdf', 'application/pdf');
		expect(await addDocument(deps, planner, id, { file: fake, title: 'Plan' })).toEqual({
			ok: false,
			reason: 'file',
			error: 'mediaPdfFormat'
		});
		const pdf = file(
			new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
			'Plan Süd.pdf',
			'application/pdf'
		);
		const added = await addDocument(deps, planner, id, { file: pdf, title: 'Plan Süd' });
		if (!added.ok) throw new Error('setup');
		const [doc] = (
			await loadConsultationDetails(database.db, (await findConsultationById(database.db, id))!)
		).documents;
		expect(doc).toMatchObject({ title: 'Plan Süd', mimeType: 'application/pdf', sizeBytes: 15 });
		const key = (await findFileById(database.db, doc!.fileId))!.storageKey;

		expect(await removeDocument(deps, planner, id, added.documentId)).toEqual({ ok: true });
		expect(await findFileById(database.db, doc!.fileId)).toBeNull();
		expect(await storedFiles()).not.toContain(key);
		expect(await removeDocument(deps, planner, id, added.documentId)).toEqual({
			ok: false,
			reason: 'notFound'
		});
	});
});
