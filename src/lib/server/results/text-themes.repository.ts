import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { Theme } from '../../results/text-answers.ts';
import { byLabel, codingsOf } from './text-answers.repository.ts';

// Themes planners code a question's free-text answers with (unique per question, ignoring
// case), and the codings that tie an answer to its themes.

export async function listThemes(db: Db, questionId: string): Promise<Theme[]> {
	return byLabel(
		await db
			.selectFrom('result_themes')
			.select(['id', 'label'])
			.where('question_id', '=', questionId)
			.execute()
	);
}

export async function findTheme(
	db: Db,
	questionId: string,
	themeId: string
): Promise<Theme | undefined> {
	return db
		.selectFrom('result_themes')
		.select(['id', 'label'])
		.where('question_id', '=', questionId)
		.where('id', '=', themeId)
		.executeTakeFirst();
}

/** Another theme of the question already carries this label, ignoring case. */
export async function isLabelTaken(
	db: Db,
	questionId: string,
	label: string,
	exceptId?: string
): Promise<boolean> {
	let q = db
		.selectFrom('result_themes')
		.select('id')
		.where('question_id', '=', questionId)
		.where(sql`lower(label)`, '=', sql`lower(${label})`);
	if (exceptId) q = q.where('id', '<>', exceptId);
	return (await q.executeTakeFirst()) !== undefined;
}

export async function insertTheme(
	db: Db,
	t: { surveyId: string; questionId: string; label: string }
): Promise<string> {
	const row = await db
		.insertInto('result_themes')
		.values({ survey_id: t.surveyId, question_id: t.questionId, label: t.label })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function renameTheme(db: Db, themeId: string, label: string): Promise<void> {
	await db.updateTable('result_themes').set({ label }).where('id', '=', themeId).execute();
}

/** Its codings go with it (foreign key on delete cascade). */
export async function deleteTheme(db: Db, themeId: string): Promise<void> {
	await db.deleteFrom('result_themes').where('id', '=', themeId).execute();
}

/**
 * Makes the answer's themes exactly `themeIds` (all of the question; the caller checks). Returns
 * the themes added and removed, for the audit log.
 */
export async function replaceCodings(
	db: Db,
	a: { questionId: string; responseId: string; themeIds: string[]; by: string }
): Promise<{ added: string[]; removed: string[] }> {
	const before = (await codingsOf(db, a.questionId, [a.responseId])).get(a.responseId) ?? [];
	const added = a.themeIds.filter((id) => !before.includes(id));
	const removed = before.filter((id) => !a.themeIds.includes(id));
	if (removed.length) {
		await db
			.deleteFrom('result_codings')
			.where('response_id', '=', a.responseId)
			.where('theme_id', 'in', removed)
			.execute();
	}
	if (added.length) {
		await db
			.insertInto('result_codings')
			.values(added.map((id) => ({ theme_id: id, response_id: a.responseId, coded_by: a.by })))
			.onConflict((oc) => oc.doNothing())
			.execute();
	}
	return { added, removed };
}
