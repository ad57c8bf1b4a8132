// `npm test`: every check CI enforces, in order, stopping at the first failure.
//
//   node scripts/test.js [--skip-e2e]
//
// The last line, `Summary: N passed, N failed` (counting steps), is read by CI.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
/** @param {string} name */
const bin = (name) => join(root, 'node_modules', '.bin', name);

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--skip-e2e');
if (unknown.length > 0) {
	console.error(
		`Unknown argument(s): ${unknown.join(' ')}\nUsage: node scripts/test.js [--skip-e2e]`
	);
	process.exit(2);
}
const skipE2e = args.includes('--skip-e2e');

// Children (and the web server Playwright starts with `node ...`) run on the project's Node 24
// from node_modules/.bin even when this script was started as `node scripts/test.js` by an older
// system Node; npm does the same for `npm test`.
const env = {
	...process.env,
	PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter)
};
const { DATABASE_URL, ...envWithoutDatabase } = env;

/** @typedef {{ name: string, command: string, args: string[], env?: NodeJS.ProcessEnv, skip?: string }} Step */

/** @type {Step[]} */
const steps = [
	{ name: 'svelte-kit sync', command: 'svelte-kit', args: ['sync'] },
	{ name: 'prettier', command: 'prettier', args: ['--check', '.'] },
	{ name: 'eslint', command: 'eslint', args: ['.'] },
	{
		name: 'svelte-check',
		command: 'svelte-check',
		args: ['--tsconfig', './tsconfig.json', '--fail-on-warnings']
	},
	{
		name: 'vitest (PGlite)',
		command: 'vitest',
		args: ['run'],
		env: envWithoutDatabase
	},
	{
		name: 'vitest (PostgreSQL)',
		command: 'vitest',
		args: ['run'],
		skip: DATABASE_URL ? undefined : 'DATABASE_URL is not set'
	},
	{ name: 'vite build', command: 'vite', args: ['build'] },
	{
		name: 'playwright',
		command: 'playwright',
		args: ['test'],
		skip: skipE2e ? '--skip-e2e' : undefined
	}
];

/** @type {import('node:child_process').ChildProcess | undefined} */
let current;
// On Ctrl+C or SIGTERM, stop the running step with SIGINT and stay alive so the summary prints.
// SIGINT because Playwright only then stops the web server it started (SIGTERM orphans it).
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => {
		if (current) current.kill('SIGINT');
		else process.exit(128 + constants.signals[signal]);
	});
}

/**
 * @param {Step} step
 * @returns {Promise<number>} the exit code, 128+n for a signal
 */
function run(step) {
	return new Promise((done) => {
		const child = (current = spawn(bin(step.command), step.args, {
			cwd: root,
			env: step.env ?? env,
			stdio: 'inherit'
		}));
		child.on('error', (error) => {
			console.error(`Could not start ${step.command}: ${error.message}`);
			done(127);
		});
		child.on('exit', (code, signal) => {
			current = undefined;
			done(code ?? 128 + (signal ? constants.signals[signal] : 0));
		});
	});
}

/** @type {{ name: string, status: 'passed' | 'failed' | 'skipped' | 'not run', note?: string }[]} */
const results = [];
let failed = false;

for (const step of steps) {
	if (failed) {
		results.push({ name: step.name, status: 'not run' });
		continue;
	}
	if (step.skip) {
		console.log(`\n=== ${step.name}: skipped (${step.skip}) ===`);
		results.push({ name: step.name, status: 'skipped', note: step.skip });
		continue;
	}
	console.log(`\n=== ${step.name}: ${step.command} ${step.args.join(' ')} ===`);
	const started = Date.now();
	const code = await run(step);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (code === 0) {
		results.push({ name: step.name, status: 'passed', note: `${seconds}s` });
	} else {
		results.push({ name: step.name, status: 'failed', note: `exit code ${code}, ${seconds}s` });
		failed = true;
	}
}

console.log('\n=== Results ===');
for (const { name, status, note } of results) {
	console.log(`${status.padEnd(8)} ${name}${note ? ` (${note})` : ''}`);
}
const passed = results.filter((r) => r.status === 'passed').length;
const failedCount = results.filter((r) => r.status === 'failed').length;
console.log(`Summary: ${passed} passed, ${failedCount} failed`);
process.exit(failed ? 1 : 0);
