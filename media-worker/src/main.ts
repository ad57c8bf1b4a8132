// `npm run worker`: the job worker as its own process, for PostgreSQL deployments. Run as many
// as needed; they share the queue. On the embedded database the worker lives in the web process.
import { bootApp } from '../../src/lib/server/app.ts';
import { config } from '../../src/lib/server/config.ts';
import { log } from '../../src/lib/server/log.ts';
import { startWorkers } from './worker.ts';

try {
	config();
} catch (err) {
	console.error(err instanceof Error ? err.message : String(err));
	process.exit(1);
}

if (!config().databaseUrl) {
	log.error(
		'Der eigenständige Worker braucht PostgreSQL (DATABASE_URL). Mit der eingebetteten Datenbank läuft er bereits im Webprozess (npm start).'
	);
	process.exit(1);
}

const app = await bootApp({ role: 'worker' });
await startWorkers(app.ctx);

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	// pg-boss stops fetching, waits for running jobs (up to the timeout), then releases the rest.
	log.info('Worker wird beendet', { signal });
	try {
		await app.stop();
		process.exit(0);
	} catch (err) {
		log.error('Worker-Ende fehlgeschlagen', { err });
		process.exit(1);
	}
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
