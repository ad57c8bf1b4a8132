// Starts the built app for the browser tests (Playwright's webServer). Run `npm run build` first.
//
// Demo data and E2E mode on, fixed port 4173, demo accounts with the password the tests know.
// Without DATABASE_URL the app gets a fresh PGlite directory and runs the job worker inside the
// web process. With DATABASE_URL (a fresh database from the caller) the app runs without the
// embedded worker, so this script also starts the standalone worker: mails only reach the outbox
// through it. Both are stopped together; the temporary data directory is removed on exit.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	DEMO_PASSWORD,
	E2E_CONSOLE_TIMEOUT_SECONDS,
	E2E_ORIGIN,
	E2E_RTMP_PORT
} from '../tests/constants.ts';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const entry = join(root, 'build', 'index.js');

if (!existsSync(entry)) {
	console.error(`e2e-server: ${entry} is missing; run \`npm run build\` first.`);
	process.exit(1);
}

// Always a temporary DATA_DIR, also with PostgreSQL: the demo seed writes its account list there,
// and must not overwrite the one in ./data that belongs to a developer's own demo database.
/** @type {string | undefined} */
let dataDir = mkdtempSync(join(tmpdir(), 'mitreden-e2e-'));

/** @type {NodeJS.ProcessEnv} */
const env = {
	...process.env,
	PORT: new URL(E2E_ORIGIN).port,
	ORIGIN: E2E_ORIGIN,
	DATA_DIR: dataDir,
	DEMO: '1',
	E2E: '1',
	// As scripts/start.js: uploads (covers up to 8 MB, PDFs up to 10 MB) exceed adapter-node's 512K.
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '24M',
	DEMO_PASSWORD,
	// Every test comes from 127.0.0.1; the per-account limit keeps its real default (5).
	RATE_LIMIT_PER_ADDRESS: '10000',
	// The live ingest listens on loopback only, on a port of this checkout's own.
	LIVE_RTMP_HOST: '127.0.0.1',
	LIVE_RTMP_PORT: String(E2E_RTMP_PORT),
	// Short, so the browser test of a silent console waits seconds, not the default 45.
	LIVE_CONSOLE_TIMEOUT_SECONDS: String(E2E_CONSOLE_TIMEOUT_SECONDS)
};
const postgres = Boolean(env.DATABASE_URL);
console.log(`e2e-server: ${postgres ? 'PostgreSQL from DATABASE_URL' : `PGlite in ${dataDir}`}`);

function removeDataDir() {
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	dataDir = undefined;
}

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const children = new Map();
/** @type {number | undefined} */
let exitCode;

/**
 * @param {string} name
 * @param {string} script
 */
function start(name, script) {
	const child = spawn(process.execPath, [script], { cwd: root, env, stdio: 'inherit' });
	children.set(name, child);
	child.on('error', (error) => {
		console.error(`e2e-server: could not start the ${name}:`, error);
		finished(name, 1);
	});
	child.on('exit', (code, signal) => {
		finished(name, code ?? 128 + (signal ? constants.signals[signal] : 0));
	});
}

/**
 * One process ending on its own (not stopped by us) takes the other down with it: a suite without
 * its worker would only fail later, waiting for mails.
 * @param {string} name
 * @param {number} code
 */
function finished(name, code) {
	if (!children.delete(name)) return;
	stopAll(code);
	if (children.size === 0) {
		removeDataDir();
		process.exit(exitCode);
	}
}

/**
 * @param {number} code
 * @param {NodeJS.Signals} [signal]
 */
function stopAll(code, signal = 'SIGTERM') {
	exitCode ??= code;
	for (const child of children.values()) {
		if (child.exitCode === null && child.signalCode === null) child.kill(signal);
	}
}

start('app', entry);
if (postgres) start('worker', join(root, 'media-worker', 'src', 'main.ts'));

for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
	process.on(signal, () => stopAll(0, signal));
}

// Last resort if this process is ended some other way (the exit handler above normally runs).
process.on('exit', removeDataDir);
