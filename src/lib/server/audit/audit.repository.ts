import { sql } from 'kysely';
import type { Db } from '../db/index.ts';

export interface AuditEntry {
	actorId: string | null;
	action: string;
	targetType: string;
	targetId: string | null;
	details?: Record<string, unknown>;
}

/** Written in the caller's transaction, so an action and its audit entry land together or not at all. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			actor_id: entry.actorId,
			action: entry.action,
			target_type: entry.targetType,
			target_id: entry.targetId,
			details: JSON.stringify(entry.details ?? {})
		})
		.execute();
}

export interface AuditLogItem {
	id: string;
	createdAt: Date;
	actorId: string | null;
	actorEmail: string | null;
	actorDeleted: boolean;
	action: string;
	targetType: string;
	targetId: string | null;
	targetLabel: string | null;
	details: Record<string, unknown>;
}

export async function listAudit(
	db: Db,
	opts: { limit: number; offset: number; actorOrTargetId?: string }
): Promise<{ items: AuditLogItem[]; total: number }> {
	let q = db.selectFrom('audit_log').leftJoin('users as actor', 'actor.id', 'audit_log.actor_id');
	if (opts.actorOrTargetId) {
		const id = opts.actorOrTargetId;
		q = q.where((eb) =>
			eb.or([eb('audit_log.actor_id', '=', id), eb('audit_log.target_id', '=', id)])
		);
	}
	const [rows, count] = await Promise.all([
		q
			.leftJoin('users as target', (j) =>
				j
					.on('audit_log.target_type', '=', 'user')
					.on(sql`target.id::text`, '=', sql.ref('audit_log.target_id'))
			)
			.select([
				'audit_log.id',
				'audit_log.created_at',
				'audit_log.actor_id',
				'actor.email as actor_email',
				'actor.deleted_at as actor_deleted_at',
				'audit_log.action',
				'audit_log.target_type',
				'audit_log.target_id',
				'target.email as target_email',
				'audit_log.details'
			])
			.orderBy('audit_log.id', 'desc')
			.limit(opts.limit)
			.offset(opts.offset)
			.execute(),
		q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
	]);
	return {
		total: Number(count.n),
		items: rows.map((r) => ({
			id: String(r.id),
			createdAt: r.created_at,
			actorId: r.actor_id,
			actorEmail: r.actor_email,
			actorDeleted: r.actor_deleted_at !== null,
			action: r.action,
			targetType: r.target_type,
			targetId: r.target_id,
			targetLabel: r.target_email,
			details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details
		}))
	};
}
