/** What a key press does on the clerk's live console. */
export type ConsoleCommand =
	| { kind: 'next' }
	| { kind: 'item'; index: number }
	| { kind: 'nonpublic' }
	| { kind: 'consent' }
	| { kind: 'confirm' };

// Checkboxes and buttons take no text, so a shortcut pressed while one has focus is meant for
// the console; text fields and selects keep their keys.
const NOT_TYPING = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'hidden']);

/**
 * Maps a key to a command, or null to leave it to the browser: never while the clerk types in a
 * field, never with Ctrl/Alt/Meta (browser and screen reader shortcuts), and never for a held
 * key's repeats (holding N must not run through the agenda).
 */
export function consoleShortcut(event: {
	key: string;
	repeat?: boolean;
	ctrlKey: boolean;
	altKey: boolean;
	metaKey: boolean;
	target: EventTarget | { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}): ConsoleCommand | null {
	if (event.repeat || event.ctrlKey || event.altKey || event.metaKey) return null;
	const target = (event.target ?? {}) as {
		tagName?: string;
		isContentEditable?: boolean;
		type?: string;
	};
	const tag = target.tagName ?? '';
	if (tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return null;
	if (tag === 'INPUT' && !NOT_TYPING.has(target.type ?? 'text')) return null;
	const key = event.key.toLowerCase();
	if (/^[1-9]$/.test(key)) return { kind: 'item', index: Number(key) };
	switch (key) {
		case 'n':
			return { kind: 'next' };
		case 'o':
		case 'ö':
			return { kind: 'nonpublic' };
		case 'e':
			return { kind: 'consent' };
		case 'b':
			return { kind: 'confirm' };
		default:
			return null;
	}
}
