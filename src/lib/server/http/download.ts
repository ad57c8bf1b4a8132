/**
 * Content-Disposition for a download (RFC 6266): an ASCII `filename` every client understands,
 * and the readable UTF-8 name in `filename*` (RFC 8187) for those that know it, which all
 * current browsers do. Only [a-z0-9.-] may reach the quoted ASCII name.
 */
export function attachment(asciiName: string, name: string): string {
	return disposition('attachment', asciiName.replace(/[^A-Za-z0-9._-]/g, '-'), name);
}

/** The header for an ASCII name the caller made safe for quoting and the real UTF-8 name. */
export function disposition(type: 'inline' | 'attachment', ascii: string, name: string): string {
	// encodeURIComponent leaves ' ( ) * unescaped, which RFC 8187's attr-char does not allow.
	const encoded = encodeURIComponent(name).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
