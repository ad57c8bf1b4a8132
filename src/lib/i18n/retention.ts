// Live streaming (retention, cuts). German first; the English catalog must have exactly the same keys.
export const de = {
	rtGone: 'Die Aufzeichnung ist nicht mehr verfügbar.',
	rtExpiredNotice:
		'Die Aufzeichnung ist nicht mehr verfügbar: Die Aufbewahrungsfrist endete am {date}.',
	rtCutsHeading: 'Entfernte Ausschnitte',
	rtCutConsent: 'ohne Einwilligung',
	rtCutNonpublic: 'nichtöffentlich',
	rtSectionTitle: 'Aufbewahrungsfrist der Aufzeichnung',
	rtMode: 'Aufbewahrung',
	rtModeHintMeeting: 'Ohne eigene Angabe gilt die Einstellung des Gremiums.',
	rtModeHintBody:
		'Gilt für jede Sitzung des Gremiums ohne eigene Angabe. Ist nichts festgelegt, bleiben Aufzeichnungen online.',
	rtInheritMeeting: 'Wie beim Gremium festgelegt',
	rtInheritBody: 'Nicht festgelegt (unbegrenzt)',
	rtModeDays: 'Eine Anzahl von Tagen',
	rtModeTerm: 'Bis zum Ende der Wahlperiode',
	rtModeKeep: 'Unbegrenzt',
	rtDays: 'Tage',
	rtDaysHint:
		'Nur bei „Eine Anzahl von Tagen“: ganze Zahl von 1 bis 36500, gezählt ab Beginn der Aufzeichnung.',
	rtDaysRange: 'Bitte eine ganze Zahl von 1 bis 36500 Tagen eingeben.',
	rtModeInvalid: 'Bitte eine der angebotenen Möglichkeiten wählen.',
	rtTermNoEndMeeting:
		'Diese Sitzung gehört zu keiner Wahlperiode mit Enddatum. Bitte zuerst eine Wahlperiode mit Enddatum zuordnen oder eine Frist in Tagen wählen.',
	rtTermNoEndBody:
		'Es gibt keine Wahlperiode mit Enddatum. Bitte zuerst das Ende der Wahlperiode eintragen oder eine Frist in Tagen wählen.',
	rtSave: 'Aufbewahrung speichern',
	rtSaved: 'Die Aufbewahrungsfrist wurde gespeichert.',
	rtNav: 'Aufbewahrung',
	rtOverviewTitle: 'Aufbewahrung der Aufzeichnungen',
	rtOverviewIntro:
		'Nach Ablauf der Frist löscht Mitreden die Aufzeichnung mit allen Dateien; Tagesordnung und Vorlagen bleiben.',
	rtUpcoming: 'Läuft in den nächsten 30 Tagen ab',
	rtRecentlyExpired: 'In den letzten 30 Tagen gelöscht',
	rtNoneUpcoming: 'Keine Aufzeichnung läuft in den nächsten 30 Tagen ab.',
	rtNoneExpired: 'In den letzten 30 Tagen wurde keine Aufzeichnung gelöscht.',
	rtColMeeting: 'Sitzung',
	rtColExpires: 'Löschung',
	rtColRule: 'Frist',
	rtRuleDays: '{days} Tage',
	rtRuleTerm: 'Ende der Wahlperiode',
	rtRuleKeep: 'unbegrenzt'
};

export const en: { [K in keyof typeof de]: string } = {
	rtGone: 'The recording is no longer available.',
	rtExpiredNotice: 'The recording is no longer available: its retention period ended on {date}.',
	rtCutsHeading: 'Removed passages',
	rtCutConsent: 'without consent',
	rtCutNonpublic: 'non-public',
	rtSectionTitle: 'Retention period of the recording',
	rtMode: 'Retention',
	rtModeHintMeeting: 'Without a setting of its own, the body’s setting applies.',
	rtModeHintBody:
		'Applies to every meeting of the body without a setting of its own. If nothing is set, recordings stay online.',
	rtInheritMeeting: 'As set for the body',
	rtInheritBody: 'Not set (indefinitely)',
	rtModeDays: 'A number of days',
	rtModeTerm: 'Until the end of the legislative term',
	rtModeKeep: 'Indefinitely',
	rtDays: 'Days',
	rtDaysHint:
		'Only for “A number of days”: a whole number from 1 to 36500, counted from the start of the recording.',
	rtDaysRange: 'Please enter a whole number of days from 1 to 36500.',
	rtModeInvalid: 'Please choose one of the options offered.',
	rtTermNoEndMeeting:
		'This meeting belongs to no legislative term with an end date. Assign one first or choose a number of days.',
	rtTermNoEndBody:
		'There is no legislative term with an end date. Enter the end of the term first or choose a number of days.',
	rtSave: 'Save retention',
	rtSaved: 'The retention period was saved.',
	rtNav: 'Retention',
	rtOverviewTitle: 'Retention of recordings',
	rtOverviewIntro:
		'When the period ends, Mitreden deletes the recording with all its files; agenda and papers stay.',
	rtUpcoming: 'Expiring in the next 30 days',
	rtRecentlyExpired: 'Deleted in the last 30 days',
	rtNoneUpcoming: 'No recording expires in the next 30 days.',
	rtNoneExpired: 'No recording was deleted in the last 30 days.',
	rtColMeeting: 'Meeting',
	rtColExpires: 'Deletion',
	rtColRule: 'Period',
	rtRuleDays: '{days} days',
	rtRuleTerm: 'end of the legislative term',
	rtRuleKeep: 'indefinitely'
};
