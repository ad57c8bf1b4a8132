import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/index.ts';
import { isMediaKey, mediaStore } from '../media/media-store.ts';
import { retentionExpiry, effectiveRetention } from './retention.ts';

/**
 * Retention (issue #6): a recording whose period ended loses every derived file (renditions,
 * slates, cuts, thumbnails, captions, the uploaded source, held originals) and its slots; the
 * meeting keeps its agenda and papers, its page says until when the recording was online, and
 * OParl shows the File as deleted with 410 at its addresses.
 */

export interface RetentionCandidate {
	recordingId: string;
	meetingId: string;
	meetingName: string;
	expiresAt: Date | null;
	expiredAt: Date | null;
	rule: ReturnType<typeof effectiveRetention>;
	sourceKey: string | null;
	captionsKey: string | null;
}

async function candidates(db: Db): Promise<RetentionCandidate[]> {
	const rows = await db
		.selectFrom('recordings as r')
		.innerJoin('meetings as m', 'm.id', 'r.meeting_id')
		.innerJoin('bodies as b', 'b.id', 'm.body_id')
		.leftJoin('legislative_terms as t', 't.id', 'm.legislative_term_id')
		.where('r.deleted_at', 'is', null)
		.where('m.deleted_at', 'is', null)
		// A transcode or a broadcast in progress would publish again after the files went; the
		// next sweep takes the recording once it is done.
		.where('r.state', 'not in', ['queued', 'processing'])
		.select([
			'r.id',
			'r.meeting_id',
			'm.name',
			'r.started_at',
			'r.expired_at',
			'r.source_key',
			'r.captions_key',
			'm.retention_mode as meeting_mode',
			'm.retention_days as meeting_days',
			'b.retention_mode as body_mode',
			'b.retention_days as body_days',
			't.end_date as term_end'
		])
		.execute();
	return rows.map((r) => {
		const meeting = { mode: r.meeting_mode, days: r.meeting_days };
		const body = { mode: r.body_mode, days: r.body_days };
		return {
			recordingId: r.id,
			meetingId: r.meeting_id,
			meetingName: r.name,
			expiresAt: retentionExpiry({
				meeting,
				body,
				termEndDate: r.term_end,
				recordingStartedAt: r.started_at
			}),
			expiredAt: r.expired_at,
			rule: effectiveRetention(meeting, body),
			sourceKey: r.source_key,
			captionsKey: r.captions_key
		};
	});
}

/** For clerks: recordings expiring within `days`, and those that expired in the last `days`. */
export async function listRetentionOverview(
	db: Db,
	now = new Date(),
	days = 30
): Promise<{ upcoming: RetentionCandidate[]; expired: RetentionCandidate[] }> {
	const all = await candidates(db);
	const horizon = now.getTime() + days * 86_400_000;
	const since = now.getTime() - days * 86_400_000;
	const byTime = (a: RetentionCandidate, b: RetentionCandidate) =>
		(a.expiresAt?.getTime() ?? 0) - (b.expiresAt?.getTime() ?? 0);
	return {
		upcoming: all
			.filter((c) => !c.expiredAt && c.expiresAt && c.expiresAt.getTime() <= horizon)
			.sort(byTime),
		expired: all.filter((c) => c.expiredAt && c.expiredAt.getTime() >= since).sort(byTime)
	};
}

async function deleteFiles(ctx: Pick<AppContext, 'config'>, c: RetentionCandidate) {
	const store = mediaStore(ctx.config);
	await store.deletePrefix(`recordings/${c.recordingId}`);
	// The upload lives in its own folder `uploads/<uuid>/source`.
	const uploadFolder = c.sourceKey?.split('/').slice(0, 2).join('/');
	if (uploadFolder?.startsWith('uploads/') && isMediaKey(uploadFolder)) {
		await store.deletePrefix(uploadFolder);
	}
	if (c.captionsKey && isMediaKey(c.captionsKey)) await store.deletePrefix(c.captionsKey);
	await rm(path.join(store.workDir, 'live-held', c.recordingId), { recursive: true, force: true });
}

/**
 * Expires every recording past its retention. Files go first: should the database step fail,
 * the next sweep finds the recording again and deleting nothing twice is harmless.
 */
export async function sweepRetention(
	ctx: Pick<AppContext, 'db' | 'config' | 'log'>,
	now = new Date()
): Promise<string[]> {
	const due = (await candidates(ctx.db)).filter(
		(c) => !c.expiredAt && c.expiresAt && c.expiresAt.getTime() <= now.getTime()
	);
	for (const c of due) {
		await deleteFiles(ctx, c);
		await ctx.db.transaction().execute(async (trx) => {
			await trx.deleteFrom('recording_slots').where('recording_id', '=', c.recordingId).execute();
			await trx
				.updateTable('recordings')
				.set({
					// The instant the period ended (not the sweep's), which the public page names.
					expired_at: c.expiresAt,
					// No archive online any more: every reader of output_prefix sees that.
					output_prefix: null,
					source_key: null,
					captions_key: null,
					updated_at: sql`now()`
				})
				.where('id', '=', c.recordingId)
				.execute();
			await trx
				.updateTable('meetings')
				.set({ has_recording: false, updated_at: sql`now()` })
				.where('id', '=', c.meetingId)
				.execute();
			await recordAudit(trx, {
				actorId: null,
				action: 'recording.expired',
				targetType: 'recording',
				targetId: c.recordingId,
				details: { meetingId: c.meetingId, rule: c.rule, expiresAt: c.expiresAt!.toISOString() }
			});
		});
		ctx.log.info('Aufzeichnung nach Ablauf der Aufbewahrungsfrist gelöscht', {
			recordingId: c.recordingId
		});
	}
	return due.map((c) => c.recordingId);
}
