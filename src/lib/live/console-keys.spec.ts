import { describe, expect, it } from 'vitest';
import { consoleShortcut } from './console-keys.ts';

const press = (key: string, over: Partial<Parameters<typeof consoleShortcut>[0]> = {}) =>
	consoleShortcut({
		key,
		ctrlKey: false,
		altKey: false,
		metaKey: false,
		target: { tagName: 'BODY' },
		...over
	});

describe('console shortcuts', () => {
	it('maps N, digits, Ö/O, E and B', () => {
		expect(press('n')).toEqual({ kind: 'next' });
		expect(press('N')).toEqual({ kind: 'next' });
		expect(press('1')).toEqual({ kind: 'item', index: 1 });
		expect(press('9')).toEqual({ kind: 'item', index: 9 });
		expect(press('0')).toBeNull();
		expect(press('Ö')).toEqual({ kind: 'nonpublic' });
		expect(press('o')).toEqual({ kind: 'nonpublic' });
		expect(press('E')).toEqual({ kind: 'consent' });
		expect(press('b')).toEqual({ kind: 'confirm' });
		expect(press('x')).toBeNull();
	});

	it('leaves text fields, modifier combinations and held keys alone', () => {
		expect(press('n', { target: { tagName: 'INPUT', type: 'text' } })).toBeNull();
		expect(press('n', { target: { tagName: 'INPUT' } })).toBeNull();
		expect(press('1', { target: { tagName: 'TEXTAREA' } })).toBeNull();
		expect(press('1', { target: { tagName: 'DIV', isContentEditable: true } })).toBeNull();
		expect(press('n', { ctrlKey: true })).toBeNull();
		expect(press('n', { altKey: true })).toBeNull();
		expect(press('n', { repeat: true })).toBeNull();
		expect(press('n', { target: { tagName: 'INPUT', type: 'checkbox' } })).toEqual({
			kind: 'next'
		});
		expect(press('n', { target: { tagName: 'BUTTON' } })).toEqual({ kind: 'next' });
	});
});
