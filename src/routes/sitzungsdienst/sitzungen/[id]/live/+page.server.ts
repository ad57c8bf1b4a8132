import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { format, messages, type MessageKey } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import {
	confirmState,
	endBroadcast,
	goToItem,
	newStreamKey,
	startBroadcast,
	toggleRange
} from '$lib/server/live/broadcast.service.ts';
import { loadConsoleStatus } from '$lib/server/live/console-status.ts';
import {
	consoleHeartbeat,
	correctRange,
	setConsentSlateLive
} from '$lib/server/live/console.service.ts';
import { listChapterItems } from '$lib/server/meetings/chapters.repository.ts';
import { meetingOr404, requireClerk } from '$lib/server/meetings/clerk-access.ts';
import { queueCuts } from '$lib/server/meetings/transcode-jobs.ts';

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const ctx = await appContext();
	const meeting = await meetingOr404(ctx.db, event, event.params.id);
	await consoleHeartbeat(ctx, meeting.id);
	return {
		meeting,
		status: await loadConsoleStatus(ctx.db, meeting.id, ctx.config.live.rtmpUrl),
		timeoutSeconds: Math.round(ctx.config.live.consoleTimeoutMs / 1000)
	};
};

async function begin(event: RequestEvent<{ id: string }>) {
	// The instant of the click is when the request arrived, before any waiting (decide.ts
	// compares segments with it).
	const now = new Date();
	const user = requireClerk(event);
	const ctx = await appContext();
	const meeting = await meetingOr404(ctx.db, event, event.params.id);
	const form = await event.request.formData();
	const m = messages(event.locals.locale);
	return {
		now,
		user,
		ctx,
		meeting,
		m,
		form,
		field: (name: string) => String(form.get(name) ?? '')
	};
}

/** Every refusal names its reason in German (lcErr_<reason>), with the status it deserves. */
const STATUS: Record<string, number> = { notFound: 404, itemNotFound: 404, rangeNotFound: 404 };
const refuse = (m: Record<MessageKey, string>, reason: string) =>
	fail(STATUS[reason] ?? (reason === 'confirmRequired' || reason === 'input' ? 400 : 409), {
		errors: { form: m[`lcErr_${reason}` as MessageKey] ?? m.lcErr_input }
	});
const done = (message: string) => ({ message });

const onOff = z.enum(['1', '0']).transform((v) => v === '1');
const rangeForm = z.object({ kind: z.enum(['nonpublic', 'consent']), on: onOff });
const correctionForm = z.object({
	rangeId: z.string().refine(isUuid),
	start: z.string().max(16),
	end: z.string().max(16)
});

export const actions: Actions = {
	start: async (event) => {
		const { now, user, ctx, meeting, m } = await begin(event);
		const result = await startBroadcast(ctx, user.id, meeting.id, now);
		return result.ok ? done(m.lcStarted) : refuse(m, result.reason);
	},

	end: async (event) => {
		const { now, user, ctx, meeting, m, form } = await begin(event);
		if (!form.get('confirm')) return refuse(m, 'confirmRequired');
		const result = await endBroadcast(ctx, user.id, meeting.id, now);
		return result.ok ? done(m.lcEnded) : refuse(m, result.reason);
	},

	item: async (event) => {
		const { now, user, ctx, meeting, m, field } = await begin(event);
		const target = field('item');
		if (target !== 'next' && !isUuid(target)) return refuse(m, 'itemNotFound');
		const result = await goToItem(ctx, user.id, meeting.id, target.toLowerCase(), now);
		if (!result.ok) return refuse(m, result.reason);
		const item = (await listChapterItems(ctx.db, meeting.id)).find((i) => i.id === result.itemId);
		return done(format(m.lcItemCalled, { number: item?.number ?? '' }));
	},

	range: async (event) => {
		const { now, user, ctx, meeting, m, form } = await begin(event);
		const parsed = rangeForm.safeParse(Object.fromEntries(form));
		if (!parsed.success) return refuse(m, 'input');
		const { kind, on } = parsed.data;
		const result = await toggleRange(ctx, user.id, meeting.id, kind, on, { now });
		if (!result.ok) return refuse(m, result.reason);
		const key = `lcDone_${kind}_${on ? 'on' : 'off'}` as const;
		return done(m[key]);
	},

	slate: async (event) => {
		const { user, ctx, meeting, m, field } = await begin(event);
		const on = onOff.safeParse(field('on'));
		if (!on.success) return refuse(m, 'input');
		const result = await setConsentSlateLive(ctx, user.id, meeting.id, on.data);
		if (!result.ok) return refuse(m, result.reason);
		return done(on.data ? m.lcSlateOnDone : m.lcSlateOffDone);
	},

	confirm: async (event) => {
		const { now, user, ctx, meeting, m } = await begin(event);
		const result = await confirmState(ctx, user.id, meeting.id, now);
		return result.ok
			? done(m.lcConfirmed)
			: refuse(m, result.reason === 'notOpen' ? 'notUnknown' : result.reason);
	},

	key: async (event) => {
		const { user, ctx, meeting, m, form } = await begin(event);
		if (!form.get('confirm')) return refuse(m, 'confirmRequired');
		const result = await newStreamKey(ctx, user.id, meeting.id);
		return result.ok ? done(m.lcKeyDone) : refuse(m, result.reason);
	},

	correct: async (event) => {
		const { user, ctx, meeting, m, form } = await begin(event);
		const parsed = correctionForm.safeParse(Object.fromEntries(form));
		if (!parsed.success) return refuse(m, 'input');
		const { rangeId, start, end } = parsed.data;
		const result = await correctRange(ctx, user.id, meeting.id, rangeId.toLowerCase(), {
			start,
			end
		});
		if (!result.ok && result.reason === 'invalid') {
			const errors = Object.fromEntries(
				Object.entries(result.errors).map(([f, e]) => [`${f}-${rangeId}`, m[`lcTimeErr_${e}`]])
			);
			return fail(400, { errors, values: { rangeId, start, end } });
		}
		if (!result.ok) return refuse(m, result.reason);
		// After the commit: the job reads the corrected times.
		if (result.recordingId) await queueCuts(ctx, result.recordingId);
		return done(m.lcCorrected);
	}
};
