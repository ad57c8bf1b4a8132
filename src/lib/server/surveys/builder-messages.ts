import { format, messages, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { BuilderFailure, Refusal } from './builder.ts';

const KEYS: Record<Exclude<BuilderFailure, 'notFound' | 'invalid'>, MessageKey> = {
	archived: 'sbArchivedRefused',
	locked: 'sbLocked',
	pollShape: 'sbPollShape',
	pageNotEmpty: 'sbPageNotEmpty',
	lastPage: 'sbLastPage',
	conditionOrder: 'sbConditionOrder',
	referenced: 'sbReferenced',
	versionExists: 'sbVersionExists',
	notDraft: 'sbNotDraft',
	noQuestions: 'sbNoQuestions',
	emptyPage: 'sbEmptyPage',
	pollQuestionType: 'sbPollQuestionType',
	alreadyClosed: 'sbAlreadyClosed',
	notOpen: 'sbNotOpen',
	notCodeMode: 'sbNotCodeMode'
};

/** The sentence a planner reads when the builder refuses a change. */
export function refusalMessage(refusal: Refusal, locale: Locale): string {
	const m = messages(locale);
	if (refusal.reason === 'notFound') return m.error404;
	if (refusal.reason === 'invalid') return m.formErrorSummary;
	const quote = (s: string) => (locale === 'de' ? `„${s}“` : `“${s}”`);
	const names = (refusal.names ?? [])
		.map((n) => (refusal.reason === 'emptyPage' ? n : quote(n)))
		.join(', ');
	return format(m[KEYS[refusal.reason]], { names });
}
