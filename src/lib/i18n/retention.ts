// Live streaming (retention). German first; the English catalog must have exactly the same keys.
export const de = {
	rtPlaceholder: 'Platzhalter'
};

export const en: { [K in keyof typeof de]: string } = {
	rtPlaceholder: 'Placeholder'
};
