import { messages, type Locale } from '../../i18n/index.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/index.ts';
import { consumeRateLimit } from '../auth/rate-limit.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { findCode, generateCode, hashCode, markCodeUsed, normalizeCode } from './codes.ts';
import { claimResponse, findResponse } from './responses.repository.ts';
import type { SurveySummary } from './surveys.repository.ts';

export type SurveyState = 'draft' | 'upcoming' | 'open' | 'closed';

/** Opening and closing are decided here, on the server, at the moment of every request. */
export function surveyState(s: SurveySummary, now = new Date()): SurveyState {
	if (s.status === 'draft') return 'draft';
	if (s.status === 'archived') return 'closed';
	if (s.closesAt && s.closesAt <= now) return 'closed';
	if (s.opensAt && s.opensAt > now) return 'upcoming';
	return 'open';
}

export interface Credential {
	code?: string;
	resume?: string;
}

export interface Participant {
	key: string;
	userId: string | null;
	resumeHash: string | null;
	/** Shown to the person: with it (and the code) they continue or change their answers later. */
	resumeCode: string | null;
	isNew: boolean;
}

export type ParticipationFailure =
	'loginRequired' | 'codeMissing' | 'codeUnknown' | 'codeUsed' | 'resumeUnknown' | 'rateLimited';

/** The visitor's words for a refusal, shared by the survey and the poll pages. */
export function participationFailureMessage(
	reason: ParticipationFailure | 'conflict',
	locale: Locale
): string {
	const m = messages(locale);
	return {
		loginRequired: m.participationLoginRequired,
		codeMissing: m.participationCodeMissing,
		codeUnknown: m.participationCodeUnknown,
		codeUsed: m.participationCodeUsed,
		resumeUnknown: m.participationResumeUnknown,
		rateLimited: m.participationRateLimited,
		conflict: m.surveyConflict
	}[reason];
}

export type Resolved =
	{ ok: true; participant: Participant } | { ok: false; reason: ParticipationFailure };

function resumeHashOf(resume: string): string | null {
	const normalized = normalizeCode(resume);
	return normalized ? hashCode(normalized) : null;
}

/**
 * Works out who is answering, by the survey's mode: a verified account, a participation code
 * (plus the resume code once it has been used), or an open form identified only by its resume
 * code. `start` claims a new response; without it only an existing one is continued.
 */
export async function resolveParticipant(
	ctx: AppContext,
	survey: SurveySummary,
	opts: { user: SessionUser | null; credential: Credential; clientAddress: string; start: boolean }
): Promise<Resolved> {
	if (survey.mode === 'account') {
		if (!opts.user?.verified) return { ok: false, reason: 'loginRequired' };
		const participant = {
			key: `u:${opts.user.id}`,
			userId: opts.user.id,
			resumeHash: null,
			resumeCode: null
		};
		return { ok: true, participant: { ...participant, isNew: false } };
	}
	const { windowMs, perAddress } = ctx.config.rateLimit;
	// Entering a code (or a resume code) is where guessing would happen; the page saves after it
	// carry a 60-bit resume code and do not count, so a library PC or a town hall network can
	// serve many residents.
	const limitKey = `survey:ip:${opts.clientAddress}`;
	if (opts.start && !(await consumeRateLimit(ctx.db, limitKey, perAddress * 10, windowMs))) {
		return { ok: false, reason: 'rateLimited' };
	}
	const base = await participantBase(ctx.db, survey, opts.credential);
	if (!base.ok) return base;
	if (opts.credential.resume)
		return continueResponse(ctx.db, survey, base.key, opts.credential.resume);
	if (!opts.start) return { ok: false, reason: 'resumeUnknown' };
	return claimNew(ctx.db, survey, base);
}

async function participantBase(
	db: Db,
	survey: SurveySummary,
	credential: Credential
): Promise<
	| { ok: true; key: string | null; codeId: string | null }
	| { ok: false; reason: ParticipationFailure }
> {
	if (survey.mode === 'open') {
		const hash = credential.resume ? resumeHashOf(credential.resume) : null;
		if (credential.resume && !hash) return { ok: false, reason: 'resumeUnknown' };
		return { ok: true, key: hash && `o:${hash}`, codeId: null };
	}
	if (!credential.code?.trim()) return { ok: false, reason: 'codeMissing' };
	const code = await findCode(db, survey.id, credential.code);
	if (!code) return { ok: false, reason: 'codeUnknown' };
	return { ok: true, key: `c:${code.id}`, codeId: code.id };
}

async function continueResponse(
	db: Db,
	survey: SurveySummary,
	key: string | null,
	resume: string
): Promise<Resolved> {
	const hash = resumeHashOf(resume);
	if (!key || !hash) return { ok: false, reason: 'resumeUnknown' };
	const existing = await findResponse(db, survey.id, key);
	if (!existing || existing.resumeHash !== hash) return { ok: false, reason: 'resumeUnknown' };
	const code = normalizeCode(resume)!;
	return {
		ok: true,
		participant: { key, userId: null, resumeHash: hash, resumeCode: formatCode(code), isNew: false }
	};
}

async function claimNew(
	db: Db,
	survey: SurveySummary,
	base: { key: string | null; codeId: string | null }
): Promise<Resolved> {
	const resumeCode = generateCode();
	const resumeHash = hashCode(normalizeCode(resumeCode)!);
	const key = base.key ?? `o:${resumeHash}`;
	const claimed = await claimResponse(db, {
		surveyId: survey.id,
		participantKey: key,
		userId: null,
		surveyVersion: survey.version,
		resumeHash
	});
	// The code was used before: only its resume code lets that same person back in.
	if (!claimed) return { ok: false, reason: 'codeUsed' };
	if (base.codeId) await markCodeUsed(db, base.codeId);
	return { ok: true, participant: { key, userId: null, resumeHash, resumeCode, isNew: true } };
}

function formatCode(normalized: string): string {
	return normalized.match(/.{1,4}/g)!.join('-');
}
