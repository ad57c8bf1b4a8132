// Planning documents (reports, plan drawings as PDF) can be large scans; 10 MB keeps them
// downloadable on a phone connection.
export const PDF_MAX_BYTES = 10 * 1024 * 1024;

export type DocumentError = 'mediaFileEmpty' | 'mediaPdfTooLarge' | 'mediaPdfFormat';

const PDF_MAGIC = '%PDF-';

/** Only real PDFs: the file must start with the PDF header, whatever its name or claimed type. */
export function checkPdf(bytes: Uint8Array): { ok: true } | { ok: false; error: DocumentError } {
	if (bytes.byteLength === 0) return { ok: false, error: 'mediaFileEmpty' };
	if (bytes.byteLength > PDF_MAX_BYTES) return { ok: false, error: 'mediaPdfTooLarge' };
	const head = Buffer.from(bytes.subarray(0, PDF_MAGIC.length)).toString('latin1');
	if (head !== PDF_MAGIC) return { ok: false, error: 'mediaPdfFormat' };
	return { ok: true };
}

/**
 * A display and download name from what the browser sent: no folders, no control characters,
 * bounded length. Only ever shown or sent in Content-Disposition, never used as a path.
 */
export function cleanFileName(name: string, fallback: string, extension: string): string {
	const base = (name.split(/[\\/]/).pop() ?? '')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f"]/g, '')
		.trim()
		.slice(0, 150);
	const stem = base.replace(/\.[^.]*$/, '') || fallback;
	return `${stem}.${extension}`;
}
