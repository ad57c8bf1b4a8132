// Live streaming (live-console). German first; the English catalog must have exactly the same keys.
export const de = {
	lcPlaceholder: 'Platzhalter'
};

export const en: { [K in keyof typeof de]: string } = {
	lcPlaceholder: 'Placeholder'
};
