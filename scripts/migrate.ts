// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database in
// DATA_DIR) and exits. The web server also does this on start.
import { config } from '../src/lib/server/config.ts';
import { openDatabase } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';

const cfg = config();
const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
try {
	const applied = await migrateToLatest(database.db);
	console.log(applied.length ? `Angewandt: ${applied.join(', ')}` : 'Datenbank ist aktuell.');
} finally {
	await database.close();
}
