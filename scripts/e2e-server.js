// Starts the built app for the browser tests (Playwright's webServer). Run `npm run build` first.
//
// Demo data and E2E mode on, fixed port 4173. Without DATABASE_URL the app gets a fresh PGlite
// directory that is removed on exit; with DATABASE_URL the caller provides a fresh database.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const entry = join(root, 'build', 'index.js');

if (!existsSync(entry)) {
	console.error(`e2e-server: ${entry} is missing; run \`npm run build\` first.`);
	process.exit(1);
}

/** @type {NodeJS.ProcessEnv} */
const env = {
	...process.env,
	PORT: '4173',
	ORIGIN: 'http://localhost:4173',
	DEMO: '1',
	E2E: '1',
	// As scripts/start.js: uploads (covers up to 8 MB, PDFs up to 10 MB) exceed adapter-node's 512K.
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '12M'
};

/** @type {string | undefined} */
let dataDir;
if (!env.DATABASE_URL) {
	dataDir = mkdtempSync(join(tmpdir(), 'mitreden-e2e-'));
	env.DATA_DIR = dataDir;
}
console.log(
	`e2e-server: ${env.DATABASE_URL ? 'PostgreSQL from DATABASE_URL' : `PGlite in ${dataDir}`}`
);

function removeDataDir() {
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	dataDir = undefined;
}

const app = spawn(process.execPath, [entry], { cwd: root, env, stdio: 'inherit' });

for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
	process.on(signal, () => {
		if (app.exitCode === null && app.signalCode === null) app.kill(signal);
	});
}

app.on('error', (error) => {
	console.error('e2e-server: could not start the app:', error);
	removeDataDir();
	process.exit(1);
});

app.on('exit', (code, signal) => {
	removeDataDir();
	process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0));
});

// Last resort if this process is ended some other way (the exit handler above normally runs).
process.on('exit', removeDataDir);
