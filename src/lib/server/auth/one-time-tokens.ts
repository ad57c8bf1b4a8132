import type { Db } from '../db/index.ts';
import type { TokenPurpose } from '../db/schema.ts';
import { generateToken, hashToken, isWellFormedToken } from './tokens.ts';

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
	verify_email: 48 * 3_600_000,
	change_email: 24 * 3_600_000,
	// Short, because a reset link in a mailbox is a key to the account.
	reset_password: 3_600_000
};

/** Issues a single-use link token; older unused tokens of the same purpose stop working. */
export async function issueToken(
	db: Db,
	userId: string,
	purpose: TokenPurpose,
	newEmail: string | null = null
): Promise<string> {
	const token = generateToken();
	await db
		.deleteFrom('auth_tokens')
		.where('user_id', '=', userId)
		.where('purpose', '=', purpose)
		.execute();
	await db
		.insertInto('auth_tokens')
		.values({
			id: hashToken(token),
			user_id: userId,
			purpose,
			new_email: newEmail,
			expires_at: new Date(Date.now() + TOKEN_LIFETIME_MS[purpose])
		})
		.execute();
	return token;
}

export interface ConsumedToken {
	userId: string;
	newEmail: string | null;
}

/** Marks the token used in the same statement that reads it, so two clicks cannot both win. */
export async function consumeToken(
	db: Db,
	token: string,
	purpose: TokenPurpose
): Promise<ConsumedToken | null> {
	if (!isWellFormedToken(token)) return null;
	const row = await db
		.updateTable('auth_tokens')
		.set({ used_at: new Date() })
		.where('id', '=', hashToken(token))
		.where('purpose', '=', purpose)
		.where('used_at', 'is', null)
		.where('expires_at', '>', new Date())
		.returning(['user_id', 'new_email'])
		.executeTakeFirst();
	return row ? { userId: row.user_id, newEmail: row.new_email } : null;
}

/** Looks a token up without using it, to show the form behind a link. */
export async function peekToken(db: Db, token: string, purpose: TokenPurpose): Promise<boolean> {
	return (await peekTokenUser(db, token, purpose)) !== null;
}

/** The account a valid, unused token belongs to, without using the token. */
export async function peekTokenUser(
	db: Db,
	token: string,
	purpose: TokenPurpose
): Promise<string | null> {
	if (!isWellFormedToken(token)) return null;
	const row = await db
		.selectFrom('auth_tokens')
		.select('user_id')
		.where('id', '=', hashToken(token))
		.where('purpose', '=', purpose)
		.where('used_at', 'is', null)
		.where('expires_at', '>', new Date())
		.executeTakeFirst();
	return row?.user_id ?? null;
}
