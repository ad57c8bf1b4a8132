import type { Kysely } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { Config } from './config.ts';
import type { DB } from './db/schema.ts';
import type { Logger } from './log.ts';

/** What domain services need from the running process: database, queue, settings, log. */
export interface AppContext {
	db: Kysely<DB>;
	boss: PgBoss;
	config: Config;
	log: Logger;
}
