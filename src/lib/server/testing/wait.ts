/** Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
	probe: () => Promise<T | undefined | false>,
	what: string,
	timeoutMs = 10_000
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`Zeitüberschreitung: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
