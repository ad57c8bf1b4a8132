import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

/**
 * Migrations are plain TypeScript files in `migrations/`, loaded at run time (Node 24 strips
 * their types), so the built web app, the worker and `npm run db:migrate` share one set.
 */
class FolderMigrationProvider implements MigrationProvider {
	readonly folder: string;
	constructor(folder: string) {
		this.folder = folder;
	}

	async getMigrations(): Promise<Record<string, Migration>> {
		const files = (await fs.readdir(this.folder))
			.filter((f) => /^\d{12}_[\w-]+\.ts$/.test(f))
			.sort();
		const migrations: Record<string, Migration> = {};
		for (const file of files) {
			const url = pathToFileURL(path.join(this.folder, file)).href;
			migrations[file.replace(/\.ts$/, '')] = await import(/* @vite-ignore */ url);
		}
		return migrations;
	}
}

export function migrationsFolder(): string {
	return path.resolve(process.env.MIGRATIONS_DIR ?? 'migrations');
}

// Migrations run against Kysely<any> by design (STYLE.md): they are frozen in time, the schema types are not.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
	const migrator = new Migrator({ db, provider: new FolderMigrationProvider(migrationsFolder()) });
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName;
		throw new Error(`Migration ${failed ?? ''} fehlgeschlagen: ${String(error)}`, { cause: error });
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
