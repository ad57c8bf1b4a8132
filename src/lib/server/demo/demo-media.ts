// Pictures and a PDF for the demo consultations, drawn here so nothing is downloaded. Shapes only:
// text in an SVG would depend on the fonts of the machine that renders it.

export const COVER_MOBILITY = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">
	<defs>
		<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
			<stop offset="0" stop-color="#9fd3f5"/><stop offset="1" stop-color="#e6f4fc"/>
		</linearGradient>
	</defs>
	<rect width="1600" height="900" fill="url(#sky)"/>
	<circle cx="1350" cy="170" r="90" fill="#ffd75e"/>
	<path d="M0 520 Q400 380 800 500 T1600 470 V900 H0 Z" fill="#7cb66a"/>
	<rect y="600" width="1600" height="220" fill="#5b6169"/>
	<rect y="560" width="1600" height="40" fill="#c0392b"/>
	<g fill="#fff">
		<rect x="60" y="705" width="140" height="12"/><rect x="360" y="705" width="140" height="12"/>
		<rect x="660" y="705" width="140" height="12"/><rect x="960" y="705" width="140" height="12"/>
		<rect x="1260" y="705" width="140" height="12"/>
	</g>
	<g transform="translate(820 440)">
		<rect width="560" height="210" rx="28" fill="#0b5394"/>
		<g fill="#d7ecfb">
			<rect x="30" y="30" width="100" height="80" rx="8"/><rect x="150" y="30" width="100" height="80" rx="8"/>
			<rect x="270" y="30" width="100" height="80" rx="8"/><rect x="390" y="30" width="140" height="80" rx="8"/>
		</g>
		<circle cx="120" cy="210" r="42" fill="#222"/><circle cx="440" cy="210" r="42" fill="#222"/>
		<circle cx="120" cy="210" r="16" fill="#999"/><circle cx="440" cy="210" r="16" fill="#999"/>
	</g>
	<g transform="translate(260 470)" stroke="#1b1f24" stroke-width="10" fill="none">
		<circle cx="0" cy="80" r="60"/><circle cx="220" cy="80" r="60"/>
		<path d="M0 80 L80 0 L170 0 L220 80 M80 0 L120 80 L170 0 M60 -20 H110"/>
	</g>
	<g fill="#2e7d32">
		<circle cx="120" cy="420" r="80"/><circle cx="1500" cy="400" r="90"/><circle cx="640" cy="410" r="70"/>
	</g>
	<g fill="#6d4c41">
		<rect x="110" y="470" width="20" height="95"/><rect x="1490" y="460" width="20" height="105"/>
		<rect x="630" y="450" width="20" height="115"/>
	</g>
</svg>`;

export const COVER_MARKET_SQUARE = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">
	<rect width="1600" height="900" fill="#cde7f7"/>
	<rect y="640" width="1600" height="260" fill="#b9a48a"/>
	<g stroke="#9c8768" stroke-width="4">
		<path d="M0 700 H1600 M0 760 H1600 M0 820 H1600 M0 880 H1600"/>
	</g>
	<g transform="translate(700 120)">
		<rect width="160" height="520" fill="#e8e2d6"/>
		<path d="M-20 0 L80 -110 L180 0 Z" fill="#3e4a59"/>
		<rect x="55" y="60" width="50" height="80" rx="25" fill="#3e4a59"/>
	</g>
	<g>
		<rect x="80" y="330" width="260" height="310" fill="#f4efe6"/>
		<path d="M60 330 L210 190 L360 330 Z" fill="#8e3b2e"/>
		<rect x="360" y="370" width="240" height="270" fill="#f7e7c4"/>
		<path d="M340 370 L480 240 L620 370 Z" fill="#6d2f25"/>
		<rect x="940" y="350" width="260" height="290" fill="#f4efe6"/>
		<path d="M920 350 L1070 220 L1220 350 Z" fill="#8e3b2e"/>
		<rect x="1220" y="380" width="300" height="260" fill="#efe0cf"/>
		<path d="M1200 380 L1370 250 L1540 380 Z" fill="#6d2f25"/>
	</g>
	<g stroke="#4e342e" stroke-width="10" fill="none">
		<path d="M80 430 H340 M80 530 H340 M210 330 V640 M360 470 H600 M480 370 V640"/>
		<path d="M940 450 H1200 M940 550 H1200 M1070 350 V640 M1220 480 H1520 M1370 380 V640"/>
	</g>
	<rect x="785" y="560" width="30" height="130" fill="#6d4c41"/>
	<circle cx="800" cy="520" r="110" fill="#4caf50"/>
</svg>`;

/** Escapes a line for a PDF string literal in WinAnsi encoding (covers German umlauts). */
function pdfText(line: string): string {
	let out = '';
	for (const ch of line) {
		const code = ch === '–' ? 0x96 : (ch.codePointAt(0) ?? 0x3f);
		if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
		else if (code >= 0x20 && code < 0x7f) out += ch;
		else if (code <= 0xff) out += `\\${code.toString(8).padStart(3, '0')}`;
		else out += '?';
	}
	return out;
}

/** A small, valid one-page PDF (A4, Helvetica) with the given lines. */
export function demoPdf(title: string, lines: string[]): Uint8Array {
	const text = lines
		.map(
			(line, i) => `BT /F1 ${i === 0 ? 20 : 12} Tf 72 ${770 - i * 24} Td (${pdfText(line)}) Tj ET`
		)
		.join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
		`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
		`<< /Title (${pdfText(title)}) /Producer (Mitreden Demo) >>`
	];
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((object, i) => {
		offsets.push(Buffer.byteLength(body, 'latin1'));
		body += `${i + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = Buffer.byteLength(body, 'latin1');
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return new Uint8Array(Buffer.from(body, 'latin1'));
}
