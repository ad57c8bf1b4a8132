import type { Messages } from '$lib/i18n/index.ts';
import { PHASE_KINDS } from './types.ts';

/** Field labels for the error summaries of the planners' forms (field name → label). */
export function fieldLabels(m: Messages): Record<string, string> {
	const labels: Record<string, string> = {
		title: m.consTitleLabel,
		slug: m.consSlugLabel,
		summary: m.consSummaryLabel,
		body: m.consBodyLabel,
		topics: m.consTopicsLabel,
		office: m.consOfficeLabel,
		contactName: m.consContactNameLabel,
		contactEmail: m.consContactEmailLabel,
		contactPhone: m.consContactPhoneLabel,
		location: m.consLocationLabel,
		cover: m.consCoverFileLabel,
		coverAlt: m.consCoverAltLabel,
		docTitle: m.consDocTitleLabel,
		document: m.consDocFileLabel,
		feedbackTitle: m.consFeedbackTitleLabel,
		feedbackBody: m.consFeedbackBodyLabel,
		confirm: m.consArchive
	};
	for (const kind of PHASE_KINDS) {
		const phase = m[`phase_${kind}`];
		labels[`${kind}Start`] = `${phase}: ${m.consPhaseStart}`;
		labels[`${kind}End`] = `${phase}: ${m.consPhaseEnd}`;
		labels[`${kind}Description`] = `${phase}: ${m.consPhaseDescription}`;
	}
	return labels;
}
