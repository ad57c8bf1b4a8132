import type { Db } from '../db/index.ts';
import { findRecordingByMeeting } from '../meetings/recordings.repository.ts';
import { isCutRange, type CutReason } from './cuts.ts';
import { listRanges } from './live.repository.ts';

/** A removed stretch as the public meeting page lists it (never the person's name). */
export interface PublicCut {
	startMs: number;
	endMs: number;
	reason: CutReason;
}

/** The cuts already applied to a meeting's archive, in time order, on the recording's axis. */
export async function listAppliedCuts(db: Db, meetingId: string): Promise<PublicCut[]> {
	const recording = await findRecordingByMeeting(db, meetingId);
	if (!recording?.outputPrefix || recording.expiredAt) return [];
	const origin = recording.startedAt.getTime();
	return (await listRanges(db, meetingId))
		.filter((r) => isCutRange(r) && r.appliedAt && r.endsAt)
		.map((r) => ({
			startMs: Math.max(0, r.startsAt.getTime() - origin),
			endMs: Math.max(0, r.endsAt!.getTime() - origin),
			reason: r.kind === 'consent' ? ('consent' as const) : ('nonpublic' as const)
		}));
}
