import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../db/index.ts';

// Crockford's base32 without I, L, O, U: no letters that read like digits on a printed letter.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** 12 symbols, 60 bits: guessing is hopeless behind the per-address rate limit. */
export function generateCode(): string {
	const groups: string[] = [];
	for (let g = 0; g < GROUPS; g++) {
		let group = '';
		for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
		groups.push(group);
	}
	return groups.join('-');
}

/** Accepts what people type from paper: lower case, spaces, dashes, O for 0, I or L for 1. */
export function normalizeCode(input: string): string | null {
	const cleaned = input
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	if (cleaned.length !== GROUPS * GROUP_LENGTH) return null;
	for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null;
	return cleaned;
}

export function hashCode(normalized: string): string {
	return createHash('sha256').update(`mitreden-code:${normalized}`).digest('hex');
}

export const MAX_CODES_PER_BATCH = 10_000;

/**
 * Creates `count` codes; only their hashes are stored, so the plain codes exist once, in the
 * CSV the planner downloads for the mail merge.
 */
export async function createCodes(db: Db, surveyId: string, count: number): Promise<string[]> {
	const batchRow = await db
		.selectFrom('participation_codes')
		.select((eb) => eb.fn.max('batch').as('batch'))
		.where('survey_id', '=', surveyId)
		.executeTakeFirst();
	const batch = Number(batchRow?.batch ?? 0) + 1;
	const codes = new Set<string>();
	while (codes.size < count) codes.add(generateCode());
	const list = [...codes];
	for (let i = 0; i < list.length; i += 1000) {
		await db
			.insertInto('participation_codes')
			.values(
				list.slice(i, i + 1000).map((code) => ({
					survey_id: surveyId,
					batch,
					code_hash: hashCode(normalizeCode(code)!)
				}))
			)
			.execute();
	}
	return list;
}

export async function findCode(
	db: Db,
	surveyId: string,
	input: string
): Promise<{ id: string } | undefined> {
	const normalized = normalizeCode(input);
	if (!normalized) return undefined;
	return db
		.selectFrom('participation_codes')
		.select('id')
		.where('survey_id', '=', surveyId)
		.where('code_hash', '=', hashCode(normalized))
		.executeTakeFirst();
}

export async function markCodeUsed(db: Db, codeId: string): Promise<void> {
	await db
		.updateTable('participation_codes')
		.set({ first_used_at: new Date() })
		.where('id', '=', codeId)
		.where('first_used_at', 'is', null)
		.execute();
}

export async function codeStats(
	db: Db,
	surveyId: string
): Promise<{ total: number; used: number }> {
	const row = await db
		.selectFrom('participation_codes')
		.select((eb) => [
			eb.fn.countAll<number>().as('total'),
			eb.fn.count<number>('first_used_at').as('used')
		])
		.where('survey_id', '=', surveyId)
		.executeTakeFirstOrThrow();
	return { total: Number(row.total), used: Number(row.used) };
}

/** CSV for a mail merge: UTF-8 with BOM and semicolons, as German Excel opens it. */
export function codesCsv(codes: string[], surveyTitle: string): string {
	// A leading = + - @ would make Excel run the cell as a formula (CSV injection).
	const escape = (v: string) => {
		const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
		return `"${safe.replace(/"/g, '""')}"`;
	};
	const lines = [
		'Nr;Teilnahmecode;Umfrage',
		...codes.map((c, i) => `${i + 1};${c};${escape(surveyTitle)}`)
	];
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
