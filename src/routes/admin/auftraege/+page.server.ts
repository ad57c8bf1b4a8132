import { isUuid } from '$lib/server/db/ids.ts';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { recordAudit } from '$lib/server/audit/audit.repository.ts';
import { findFailedJobName, listFailedJobs } from '$lib/server/jobs/jobs.repository.ts';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	return { jobs: await listFailedJobs((await appContext()).db) };
};

export const actions: Actions = {
	retry: async (event) => {
		const admin = requireRole(event, 'admin');
		const m = messages(event.locals.locale);
		const id = String((await event.request.formData()).get('id') ?? '');
		const ctx = await appContext();
		const name = isUuid(id) ? await findFailedJobName(ctx.db, id) : undefined;
		if (!name) return fail(404, { error: m.jobsNotFound });
		await ctx.boss.retry(name, id);
		await recordAudit(ctx.db, {
			actorId: admin.id,
			action: 'job.retried',
			targetType: 'job',
			targetId: id,
			details: { queue: name }
		});
		return { message: m.jobsRetried };
	}
};
