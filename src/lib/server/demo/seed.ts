import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Role } from '../db/schema.ts';
import { hashPassword } from '../auth/passwords.ts';
import { insertUser, setUserRoles } from '../auth/users.repository.ts';
import { localFileStorage } from '../media/storage.ts';
import { seedDemoConsultations } from './consultations.ts';
import { seedDemoMapStage } from './mapcomments.ts';
import { seedDemoMeetings } from './meetings.ts';
import { seedDemoSurveys } from './surveys.ts';

export { seedDemoConsultations, type DemoConsultationIds } from './consultations.ts';

export interface DemoAccount {
	role: Role;
	email: string;
	password: string;
	displayName: string;
}

const ACCOUNTS: Omit<DemoAccount, 'password'>[] = [
	{ role: 'resident', email: 'buergerin@demo.mitreden.example', displayName: 'Bürgerin Demo' },
	{ role: 'moderator', email: 'moderation@demo.mitreden.example', displayName: 'Moderation Demo' },
	{ role: 'planner', email: 'planung@demo.mitreden.example', displayName: 'Stadtplanung Demo' },
	{
		role: 'clerk',
		email: 'sitzungsdienst@demo.mitreden.example',
		displayName: 'Sitzungsdienst Demo'
	},
	{ role: 'admin', email: 'admin@demo.mitreden.example', displayName: 'Administration Demo' }
];

function demoFile(dataDir: string) {
	return path.join(dataDir, 'demo-accounts.json');
}

/**
 * Seeds Hennef's demo content into an empty database: one verified account per role with a
 * random password (or DEMO_PASSWORD), and two published consultations. The passwords are kept
 * in DATA_DIR so every later demo start can print them again; production never seeds.
 */
export async function seedDemo(
	db: Kysely<DB>,
	opts: { dataDir: string; password?: string }
): Promise<DemoAccount[]> {
	const accounts = ACCOUNTS.map((a) => ({
		...a,
		password: opts.password ?? `Hennef-${randomBytes(6).toString('base64url')}`
	}));
	const seeded = await db.transaction().execute(async (trx) => {
		// Several web processes may start at once (WEB_CONCURRENCY): one seeds, the others wait
		// here and then find the accounts.
		await sql`select pg_advisory_xact_lock(736173)`.execute(trx);
		// Meetings came later than the accounts: databases seeded before get them on their next start.
		await seedDemoMeetings(trx);
		const any = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
		if (any) return false;
		const ids: Partial<Record<Role, string>> = {};
		for (const a of accounts) {
			const id = await insertUser(trx, {
				email: a.email,
				passwordHash: await hashPassword(a.password),
				displayName: a.displayName,
				locale: 'de',
				verified: true
			});
			await setUserRoles(trx, id, ['resident', a.role]);
			ids[a.role] = id;
		}
		const consultations = await seedDemoConsultations(trx, ids.planner!, { dataDir: opts.dataDir });
		await seedDemoSurveys(trx, consultations, ids.planner!);
		await seedDemoMapStage(
			trx,
			localFileStorage(path.join(opts.dataDir, 'files')),
			consultations.marktplatzStadtBlankenberg,
			ids.planner!
		);
		return true;
	});
	if (!seeded) return readDemoAccounts(opts.dataDir);
	await fs.mkdir(opts.dataDir, { recursive: true });
	await fs.writeFile(demoFile(opts.dataDir), JSON.stringify(accounts, null, 2), { mode: 0o600 });
	return accounts;
}

async function readDemoAccounts(dataDir: string): Promise<DemoAccount[]> {
	try {
		return JSON.parse(await fs.readFile(demoFile(dataDir), 'utf8')) as DemoAccount[];
	} catch {
		return [];
	}
}

export function describeDemoAccounts(accounts: DemoAccount[]): string {
	if (!accounts.length) return '';
	const width = Math.max(...accounts.map((a) => a.email.length));
	return [
		'Demo-Konten (nur im Demobetrieb):',
		...accounts.map(
			(a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(width)}  Passwort: ${a.password}`
		)
	].join('\n');
}
