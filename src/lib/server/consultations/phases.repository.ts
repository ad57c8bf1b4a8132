import { sql } from 'kysely';
import type { Phase } from '../../consultations/types.ts';
import type { Db } from '../db/index.ts';
import { sortPhases } from './phases.ts';

/** Phase dates come back as 'YYYY-MM-DD' text: a JS Date would shift them by the server's zone. */
export async function listPhases(db: Db, consultationId: string): Promise<Phase[]> {
	const rows = await db
		.selectFrom('consultation_phases')
		.select([
			'kind',
			sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'),
			sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on'),
			'description'
		])
		.where('consultation_id', '=', consultationId)
		.execute();
	return sortPhases(
		rows.map((r) => ({
			kind: r.kind,
			startsOn: r.starts_on,
			endsOn: r.ends_on,
			description: r.description
		}))
	);
}

/** Replaces all phases of a consultation; run it in a transaction. */
export async function replacePhases(
	db: Db,
	consultationId: string,
	phases: Phase[]
): Promise<void> {
	await db
		.deleteFrom('consultation_phases')
		.where('consultation_id', '=', consultationId)
		.execute();
	if (!phases.length) return;
	await db
		.insertInto('consultation_phases')
		.values(
			phases.map((p) => ({
				consultation_id: consultationId,
				kind: p.kind,
				starts_on: p.startsOn,
				ends_on: p.endsOn,
				description: p.description
			}))
		)
		.execute();
}
