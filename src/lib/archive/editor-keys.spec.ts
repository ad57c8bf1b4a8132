import { describe, expect, it } from 'vitest';
import { editorCommand } from './editor-keys.ts';

const press = (
	key: string,
	opts: { shift?: boolean; ctrl?: boolean; tag?: string; type?: string } = {}
) =>
	editorCommand({
		key,
		shiftKey: opts.shift ?? false,
		ctrlKey: opts.ctrl ?? false,
		altKey: false,
		metaKey: false,
		target: { tagName: opts.tag ?? 'BODY', type: opts.type }
	});

describe('editorCommand', () => {
	it('maps the documented shortcuts', () => {
		expect(press('j')).toEqual({ kind: 'seek', by: -1 });
		expect(press('L', { shift: true })).toEqual({ kind: 'seek', by: 10 });
		expect(press(',')).toEqual({ kind: 'frame', by: -1 });
		expect(press('.')).toEqual({ kind: 'frame', by: 1 });
		expect(press('m')).toEqual({ kind: 'mark' });
		expect(press('k')).toEqual({ kind: 'toggle' });
		expect(press(' ')).toEqual({ kind: 'toggle' });
		expect(press('n')).toEqual({ kind: 'select', by: 1 });
	});

	it('leaves typing, buttons and browser shortcuts alone', () => {
		expect(press('m', { tag: 'INPUT', type: 'text' })).toBeNull();
		expect(press('l', { ctrl: true })).toBeNull();
		expect(press(' ', { tag: 'BUTTON' })).toBeNull();
		expect(press('m', { tag: 'INPUT', type: 'radio' })).toEqual({ kind: 'mark' });
		expect(press('x')).toBeNull();
	});
});
