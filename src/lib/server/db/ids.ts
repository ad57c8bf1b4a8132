const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids in URLs and forms are checked before they reach a query: PostgreSQL answers a malformed
 * uuid with an error (a 500), where the visitor deserves a 404.
 */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}
