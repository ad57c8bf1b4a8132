import { config } from './config.ts';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Logger = Record<Level, (msg: string, fields?: Record<string, unknown>) => void> & {
	child(fields: Record<string, unknown>): Logger;
};

/** Structured logs: JSON lines in production, one readable line in development. */
export function createLogger(base: Record<string, unknown> = {}): Logger {
	const write = (level: Level, msg: string, fields: Record<string, unknown> = {}) => {
		const { logLevel, logFormat } = config();
		if (order[level] < order[logLevel]) return;
		const entry = { time: new Date().toISOString(), level, msg, ...base, ...fields };
		const out = level === 'error' || level === 'warn' ? process.stderr : process.stdout;
		if (logFormat === 'json') {
			out.write(JSON.stringify(entry, errorReplacer) + '\n');
		} else {
			const extra = { ...base, ...fields };
			const tail = Object.keys(extra).length ? ' ' + JSON.stringify(extra, errorReplacer) : '';
			out.write(`${level.toUpperCase().padEnd(5)} ${msg}${tail}\n`);
		}
	};
	return {
		debug: (m, f) => write('debug', m, f),
		info: (m, f) => write('info', m, f),
		warn: (m, f) => write('warn', m, f),
		error: (m, f) => write('error', m, f),
		child: (fields) => createLogger({ ...base, ...fields })
	};
}

function errorReplacer(_key: string, value: unknown) {
	if (value instanceof Error)
		return { name: value.name, message: value.message, stack: value.stack };
	return value;
}

export const log = createLogger();
