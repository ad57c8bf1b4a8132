import { describe, expect, it } from 'vitest';
import { checkPdf, cleanFileName, PDF_MAX_BYTES } from './documents.ts';
import { contentDisposition, fileHeaders } from './headers.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('PDF documents', () => {
	it('accepts files that start with the PDF header', () => {
		expect(checkPdf(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toEqual({ ok: true });
	});

	it('refuses other files even when named .pdf, empty files and files over 10 MB', () => {
		expect(checkPdf(bytes('<html><script>alert(1)</script>'))).toEqual({
			ok: false,
			error: 'mediaPdfFormat'
		});
		expect(checkPdf(bytes(' %PDF-1.4'))).toEqual({ ok: false, error: 'mediaPdfFormat' });
		expect(checkPdf(new Uint8Array())).toEqual({ ok: false, error: 'mediaFileEmpty' });
		const big = new Uint8Array(PDF_MAX_BYTES + 1);
		big.set(bytes('%PDF-1.4'));
		expect(checkPdf(big)).toEqual({ ok: false, error: 'mediaPdfTooLarge' });
	});
});

describe('download names and headers', () => {
	it('keeps only a bare file name with our extension', () => {
		expect(cleanFileName('C:\\Users\\a\\Gutachten Süd.PDF', 'dokument', 'pdf')).toBe(
			'Gutachten Süd.pdf'
		);
		expect(cleanFileName('../../etc/passwd', 'dokument', 'pdf')).toBe('passwd.pdf');
		expect(cleanFileName('"\u0000.pdf', 'dokument', 'pdf')).toBe('dokument.pdf');
	});

	it('sends UTF-8 names per RFC 8187, PDFs inline in a sandbox, other types as downloads', () => {
		expect(
			contentDisposition({ mimeType: 'application/pdf', originalName: 'Gutachten Süd (2).pdf' })
		).toBe(
			`inline; filename="Gutachten S_d _2_.pdf"; filename*=UTF-8''Gutachten%20S%C3%BCd%20%282%29.pdf`.replace(
				'_2_',
				'(2)'
			)
		);
		expect(
			contentDisposition({ mimeType: 'text/csv', originalName: 'a.csv' }).startsWith('attachment;')
		).toBe(true);
		const pdf = fileHeaders({ mimeType: 'application/pdf', sha256: 'abc' }, 'public');
		expect(pdf).toMatchObject({
			'content-security-policy': 'sandbox',
			'x-content-type-options': 'nosniff',
			'cache-control': 'public, max-age=86400, immutable',
			etag: '"abc"'
		});
		const draft = fileHeaders({ mimeType: 'image/jpeg', sha256: 'abc' }, 'restricted');
		expect(draft['cache-control']).toBe('private, no-store');
		expect(draft['content-security-policy']).toBeUndefined();
	});
});
