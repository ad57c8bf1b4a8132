// `npm start`: builds the app when the build is missing or older than the sources, then serves
// it (adapter-node) on PORT (default 3000). Migrations, demo data and, on the embedded database,
// the job worker start inside the server's init hook.
import { spawnSync } from 'node:child_process';
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Run by a system Node older than 22 (e.g. `node scripts/start.js` on Debian's Node 20): hand over
// to the Node 24 the project installs, which strips TypeScript types from migrations and config.
if (Number(process.versions.node.split('.')[0]) < 22) {
	const bundled = path.join(root, 'node_modules', '.bin', 'node');
	if (!fs.existsSync(bundled)) {
		console.error(
			'Mitreden braucht Node.js 22.12 oder neuer. Bitte zuerst `npm install` ausführen.'
		);
		process.exit(1);
	}
	const child = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
		stdio: 'inherit'
	});
	process.exit(child.status ?? 1);
}
const built = path.join(root, 'build', 'index.js');

function newestMtime(target) {
	if (!fs.existsSync(target)) return 0;
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target))
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	return newest;
}

const sources = [
	'src',
	'static',
	'media-worker',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];
const sourceTime = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (cluster.isPrimary && (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sourceTime)) {
	console.log('Mitreden wird gebaut (vite build) …');
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'error'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.PORT ??= '3000';
// adapter-node refuses request bodies over 512 kB by default; plan drawings (20 MB), PDF
// documents (10 MB) and photos (8 MB) need more, with room for the multipart envelope.
process.env.BODY_SIZE_LIMIT ??= '24M';
process.chdir(root);

// Check the configuration before the server starts, so a missing or wrong variable is one clear
// line, not a stack trace from inside the build.
const { loadConfig } = await import(
	pathToFileURL(path.join(root, 'src/lib/server/config.ts')).href
);
try {
	loadConfig();
} catch (err) {
	console.error(err instanceof Error ? err.message : String(err));
	process.exit(1);
}

// With PostgreSQL, several web processes can share the port (node:cluster): they keep no state
// of their own. The embedded database serves one process only, so it always runs one.
const workers = process.env.DATABASE_URL ? Number(process.env.WEB_CONCURRENCY ?? 1) : 1;
if (workers > 1 && cluster.isPrimary) {
	let stopping = false;
	for (let i = 0; i < workers; i++) cluster.fork();
	cluster.on('exit', (worker, code) => {
		if (stopping) return;
		console.error(`Webprozess ${worker.process.pid} beendet (Code ${code}), wird neu gestartet.`);
		setTimeout(() => cluster.fork(), 1000);
	});
	for (const signal of ['SIGTERM', 'SIGINT']) {
		process.on(signal, () => {
			stopping = true;
			for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
		});
	}
} else {
	await import(pathToFileURL(built).href);
}
