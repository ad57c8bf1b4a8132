// The last check before a snapshot is stored: a published page never shows a cell under k.
// Suppression happens earlier (suppression.ts); this walks whatever came out of it, whatever its
// shape, so a new result kind or a missed total cannot slip through unnoticed.

/** Keys whose numbers count respondents (or responses) wherever they appear. */
const COUNT_KEYS = new Set([
	'count',
	'respondents',
	'asked',
	'responses',
	'submitted',
	'started',
	'otherTexts',
	'hidden',
	'reached',
	'stoppedHere'
]);

export class SmallCellError extends Error {
	readonly path: string;
	readonly value: number;
	constructor(path: string, value: number) {
		super(`Veröffentlichung abgebrochen: ${path} = ${value} liegt unter der Mindestzahl`);
		this.name = 'SmallCellError';
		this.path = path;
		this.value = value;
	}
}

/** A cross-tab's `total` counts respondents; a budget question's `total` is its configured sum. */
function isCountKey(key: string, parent: object): boolean {
	return COUNT_KEYS.has(key) || (key === 'total' && 'rowTotals' in parent);
}

function walk(value: unknown, path: string, k: number): void {
	if (Array.isArray(value)) {
		value.forEach((item, i) => walk(item, `${path}[${i}]`, k));
		return;
	}
	if (value === null || typeof value !== 'object') return;
	for (const [key, child] of Object.entries(value)) {
		const at = `${path}.${key}`;
		if (typeof child === 'number' && isCountKey(key, value) && child > 0 && child < k) {
			throw new SmallCellError(at, child);
		}
		walk(child, at, k);
	}
}

/** Throws SmallCellError naming the first count in 1..k-1 anywhere in `snapshot`. */
export function assertNoSmallCells(snapshot: unknown, k: number): void {
	walk(snapshot, '$', k);
}
