/** A position on a recording as a clock, "2:05" or "1:02:03" (what players show). */
export function formatClock(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = String(total % 60).padStart(2, '0');
	return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The deep-link value of an agenda number: "TOP 5" → "5", "Ö 5.1" → "5.1" (see ?top=). */
export function topParam(number: string): string {
	const match = /\d+(?:\.\d+)*/.exec(number);
	return match ? match[0] : number.trim();
}
