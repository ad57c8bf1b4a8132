// Live streaming (retention, cuts). German first; the English catalog must have exactly the same keys.
export const de = {
	rtGone: 'Die Aufzeichnung ist nicht mehr verfügbar.',
	rtExpiredNotice:
		'Die Aufzeichnung ist nicht mehr verfügbar: Die Aufbewahrungsfrist endete am {date}.',
	rtCutsHeading: 'Entfernte Ausschnitte',
	rtCutConsent: 'ohne Einwilligung',
	rtCutNonpublic: 'nichtöffentlich'
};

export const en: { [K in keyof typeof de]: string } = {
	rtGone: 'The recording is no longer available.',
	rtExpiredNotice: 'The recording is no longer available: its retention period ended on {date}.',
	rtCutsHeading: 'Removed passages',
	rtCutConsent: 'without consent',
	rtCutNonpublic: 'non-public'
};
