import { describe, expect, it } from 'vitest';
import { AmfError, decodeAmf0, encodeAmf0, encodeAmf0EcmaArray } from './amf0.ts';

describe('AMF0', () => {
	it('round-trips a connect command as encoders send it', () => {
		const values = [
			'connect',
			1,
			{
				app: 'live',
				flashVer: 'FMLE/3.0 (compatible; FMSc/1.0)',
				tcUrl: 'rtmp://h/live',
				fpad: false,
				audioCodecs: 3191
			},
			null,
			undefined,
			['a', 2, true],
			'Größe äöü ß'
		];
		expect(decodeAmf0(encodeAmf0(...values))).toEqual(values);
	});

	it('encodes the exact bytes the spec defines', () => {
		expect(encodeAmf0(1).toString('hex')).toBe('003ff0000000000000');
		expect(encodeAmf0('ab').toString('hex')).toBe('0200026162');
		expect(encodeAmf0({ a: true }).toString('hex')).toBe('030001610101000009');
		expect(encodeAmf0(null, undefined, false).toString('hex')).toBe('05060100');
	});

	it('reads ECMA arrays, dates and long strings', () => {
		const meta = encodeAmf0EcmaArray({ width: 1280, height: 720, framerate: 25 });
		expect(decodeAmf0(Buffer.concat([encodeAmf0('onMetaData'), meta]))).toEqual([
			'onMetaData',
			{ width: 1280, height: 720, framerate: 25 }
		]);
		const long = 'x'.repeat(70_000);
		expect(decodeAmf0(encodeAmf0(long))).toEqual([long]);
		const date = Buffer.alloc(11);
		date[0] = 0x0b;
		date.writeDoubleBE(Date.UTC(2026, 11, 6, 15, 0), 1);
		expect(decodeAmf0(date)).toEqual([new Date('2026-12-06T15:00:00Z')]);
	});

	it('refuses truncated, unknown and absurd input with AmfError', () => {
		const command = encodeAmf0('publish', 3, null, 'key');
		for (let cut = 1; cut < command.length; cut++) {
			// Cuts at a value boundary are valid shorter sequences; every other cut must throw.
			const boundary = [10, 19, 20].includes(cut);
			if (boundary) expect(() => decodeAmf0(command.subarray(0, cut))).not.toThrow();
			else expect(() => decodeAmf0(command.subarray(0, cut))).toThrow(AmfError);
		}
		expect(() => decodeAmf0(Buffer.from([0x11]))).toThrow(AmfError); // AMF3 switch marker
		expect(() => decodeAmf0(Buffer.from('0affffffff', 'hex'))).toThrow(AmfError);
		const deep = Buffer.concat([...Array(40)].map(() => Buffer.from('03000178', 'hex')));
		expect(() => decodeAmf0(deep)).toThrow(AmfError);
	});
});
