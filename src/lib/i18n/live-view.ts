// Live streaming (live-view). German first; the English catalog must have exactly the same keys.
export const de = {
	lvPlaceholder: 'Platzhalter'
};

export const en: { [K in keyof typeof de]: string } = {
	lvPlaceholder: 'Placeholder'
};
