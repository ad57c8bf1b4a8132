import type { Messages } from '../i18n/index.ts';

type Mode = 'account' | 'code' | 'open';

/** How a survey's participation mode is named next to it and its results. */
export function modeLabel(m: Messages, mode: Mode, length: 'short' | 'long' = 'short'): string {
	const labels =
		length === 'short'
			? {
					account: m.surveyModeAccountShort,
					code: m.surveyModeCodeShort,
					open: m.surveyModeOpenShort
				}
			: { account: m.surveyModeAccount, code: m.surveyModeCode, open: m.surveyModeOpen };
	return labels[mode];
}
