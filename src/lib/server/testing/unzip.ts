import zlib from 'node:zlib';

// Test helper: reads a ZIP archive the way an unzip tool does, from the central directory at the
// end (not from the local headers, whose sizes a streaming writer leaves 0), and checks each
// entry's CRC-32, so tests see exactly what Excel would.

export interface UnzippedEntry {
	name: string;
	flags: number;
	data: Buffer;
}

export function unzip(archive: Buffer): Map<string, UnzippedEntry> {
	const end = archive.length - 22;
	if (archive.readUInt32LE(end) !== 0x06054b50) throw new Error('no end of central directory');
	const count = archive.readUInt16LE(end + 10);
	let at = archive.readUInt32LE(end + 16);
	const entries = new Map<string, UnzippedEntry>();
	for (let i = 0; i < count; i++) {
		if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${i}`);
		const flags = archive.readUInt16LE(at + 8);
		const crc = archive.readUInt32LE(at + 16);
		const compressed = archive.readUInt32LE(at + 20);
		const size = archive.readUInt32LE(at + 24);
		const nameLength = archive.readUInt16LE(at + 28);
		const extra = archive.readUInt16LE(at + 30);
		const comment = archive.readUInt16LE(at + 32);
		const offset = archive.readUInt32LE(at + 42);
		const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
		if (archive.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header ${name}`);
		const start =
			offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
		const data = zlib.inflateRawSync(archive.subarray(start, start + compressed));
		if (data.length !== size) throw new Error(`size of ${name}: ${data.length} != ${size}`);
		if (zlib.crc32(data) !== crc) throw new Error(`CRC of ${name} does not match`);
		entries.set(name, { name, flags, data });
		at += 46 + nameLength + extra + comment;
	}
	return entries;
}

/** The cells of a worksheet's XML as rows of strings, by cell reference (A1 …), entities decoded. */
export function sheetCells(
	xml: string
): Map<string, { value: string; type: 'n' | 's'; style: string | null }> {
	const cells = new Map<string, { value: string; type: 'n' | 's'; style: string | null }>();
	const cell =
		/<c r="([A-Z]+\d+)"(?: s="(\d+)")?(?: t="inlineStr")?>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g;
	for (const m of xml.matchAll(cell)) {
		const [, ref, style, number, text] = m;
		const decoded = (text ?? '')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&amp;/g, '&');
		cells.set(ref!, {
			value: number ?? decoded,
			type: number !== undefined ? 'n' : 's',
			style: style ?? null
		});
	}
	return cells;
}
