import type { AppContext } from '../../../src/lib/server/context.ts';
import { purgeOldRateLimits } from '../../../src/lib/server/auth/rate-limit.ts';
import { deleteExpiredSessions } from '../../../src/lib/server/auth/sessions.ts';
import { purgeStaleUploads } from '../../../src/lib/server/meetings/recording-publish.ts';

// An unfinished recording upload can be resumed for a week; after that its bytes go.
const STALE_UPLOAD_MS = 7 * 24 * 3_600_000;

/** Storage limitation (GDPR Art. 5): expired sessions, used links and old counters go. */
export async function purgeExpired(ctx: AppContext): Promise<void> {
	await deleteExpiredSessions(ctx.db);
	await ctx.db.deleteFrom('auth_tokens').where('expires_at', '<', new Date()).execute();
	await purgeOldRateLimits(ctx.db, 24 * 3_600_000);
	await purgeStaleUploads(ctx, STALE_UPLOAD_MS);
}
