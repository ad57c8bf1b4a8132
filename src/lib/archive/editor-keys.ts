/** What a key press does in the chapter editor. */
export type EditorCommand =
	| { kind: 'toggle' }
	| { kind: 'seek'; by: number }
	| { kind: 'frame'; by: 1 | -1 }
	| { kind: 'mark' }
	| { kind: 'select'; by: 1 | -1 };

// One frame at 25 fps, the European broadcast rate the council cameras record at; a step of the
// wrong size only moves a little more or less, the time field shows where it landed.
export const FRAME_SECONDS = 0.04;

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * Maps a key to a command, or null to leave it to the browser: never while the clerk types in a
 * field, never with Ctrl/Alt/Meta (browser and screen reader shortcuts), and Space only where it
 * would not press a focused button or link.
 */
export function editorCommand(event: {
	key: string;
	shiftKey: boolean;
	ctrlKey: boolean;
	altKey: boolean;
	metaKey: boolean;
	target: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}): EditorCommand | null {
	if (event.ctrlKey || event.altKey || event.metaKey) return null;
	const tag = event.target?.tagName ?? '';
	const isRadio = tag === 'INPUT' && event.target?.type === 'radio';
	if ((TYPING.has(tag) && !isRadio) || event.target?.isContentEditable) return null;
	const step = event.shiftKey ? 10 : 1;
	switch (event.key.toLowerCase()) {
		case 'k':
			return { kind: 'toggle' };
		case ' ':
			return ['BUTTON', 'A', 'VIDEO', 'SUMMARY', 'INPUT'].includes(tag) ? null : { kind: 'toggle' };
		case 'j':
			return { kind: 'seek', by: -step };
		case 'l':
			return { kind: 'seek', by: step };
		case ',':
		case '<':
			return { kind: 'frame', by: -1 };
		case '.':
		case '>':
			return { kind: 'frame', by: 1 };
		case 'm':
			return { kind: 'mark' };
		case 'n':
			return { kind: 'select', by: 1 };
		case 'p':
			return { kind: 'select', by: -1 };
		default:
			return null;
	}
}
