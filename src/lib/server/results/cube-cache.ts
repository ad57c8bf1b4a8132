// One cube per survey and process, brought up to date on every look: a cheap index-only query says
// how many submitted responses exist and when the last changed; only responses changed since the
// previous look are read again. Planners see results live while a survey runs, and the cost of a
// view does not grow with the number of responses (CONSUL rebuilds statistics every 30 minutes).
import type { Kysely } from 'kysely';
import type { Db } from '../db/index.ts';
import type { DB } from '../db/schema.ts';
import { findSurvey, type Survey } from '../surveys/surveys.repository.ts';
import { emptyCube, upsertRow, type Cube } from './cube.ts';
import { busiestSurveys, submittedResponses, submittedState } from './results.repository.ts';

interface Entry {
	key: string;
	cube: Cube;
	lastChange: Date | null;
}

// A response saved by a transaction that commits later than one saved after it has an older
// updated_at than what the cube has already seen; re-reading this much before the newest change
// picks it up. Inserts missed anyway show as a count mismatch and rebuild the cube.
const OVERLAP_MS = 10_000;
const LIMIT = 20;

const entries = new Map<string, Entry>();
const pending = new Map<string, Promise<Cube>>();

/** Changes to questions or options make the cube's columns wrong: rebuild. */
function structureKey(survey: Survey): string {
	return JSON.stringify(survey.questions.map((q) => [q.id, q.type, q.config]));
}

/** The survey's submitted answers as a cube, current as of this call. */
export function currentCube(db: Db, survey: Survey): Promise<Cube> {
	const running = pending.get(survey.id);
	if (running) return running;
	const work = refresh(db, survey).finally(() => pending.delete(survey.id));
	pending.set(survey.id, work);
	return work;
}

async function refresh(db: Db, survey: Survey): Promise<Cube> {
	const key = structureKey(survey);
	// One snapshot for the count and the rows, so responses arriving meanwhile cannot make them
	// disagree.
	const entry = await inSnapshot(db, async (trx) => {
		const state = await submittedState(trx, survey.id);
		const known = entries.get(survey.id);
		if (known && known.key === key) {
			const unchanged =
				known.cube.size === state.count &&
				known.lastChange?.getTime() === state.lastChange?.getTime();
			if (unchanged) return known;
			const since = known.lastChange && new Date(known.lastChange.getTime() - OVERLAP_MS);
			for await (const rows of submittedResponses(trx, survey.id, since)) {
				for (const row of rows) upsertRow(known.cube, row);
			}
			if (known.cube.size === state.count) return { ...known, lastChange: state.lastChange };
		}
		const cube = emptyCube(survey, Math.max(1024, state.count));
		for await (const rows of submittedResponses(trx, survey.id, null)) {
			for (const row of rows) upsertRow(cube, row);
		}
		return { key, cube, lastChange: state.lastChange };
	});
	entries.delete(survey.id);
	if (entries.size >= LIMIT) entries.delete(entries.keys().next().value!);
	entries.set(survey.id, entry);
	return entry.cube;
}

function inSnapshot<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
	if (db.isTransaction) return fn(db);
	return (db as Kysely<DB>).transaction().setIsolationLevel('repeatable read').execute(fn);
}

/**
 * Builds the cubes of the busiest published surveys one after another, in the background when the
 * web process starts, so the first planner after a restart does not wait seconds for a large one.
 */
export async function warmCubes(db: Db, limit = LIMIT): Promise<number> {
	const ids = await busiestSurveys(db, limit);
	for (const id of ids) {
		const survey = await findSurvey(db, id);
		if (survey) await currentCube(db, survey);
	}
	return ids.length;
}

/** Tests and the benchmark measure a cold start. */
export function dropCachedCubes(): void {
	entries.clear();
}
