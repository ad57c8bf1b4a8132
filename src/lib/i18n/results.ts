// Results core (aggregation, summaries, filters). German first; the English catalog must have
// exactly the same keys. Keys start with "rs".
export const de = {
	rsOther: 'Sonstiges',
	rsNoAnswer: 'keine Angabe',
	rsNone: 'Zu dieser Frage liegen keine Antworten vor.',
	rsSuppressed:
		'Zu dieser Frage liegen zu wenige Antworten vor, um Ergebnisse zu veröffentlichen (weniger als {k}).',
	rsChoiceSingle: '{n} Personen haben geantwortet; am häufigsten gewählt wurde „{top}“ ({share}).',
	rsChoiceMultiple:
		'{n} Personen haben geantwortet (Mehrfachauswahl); „{top}“ wählten {share} der Antwortenden.',
	rsChoiceHidden:
		'{n} Personen haben geantwortet; einzelne Werte sind zum Schutz kleiner Gruppen ausgeblendet.',
	rsMatrix:
		'{n} Personen haben {rows} Aussagen bewertet; den höchsten Anteil „{scale}“ hat „{row}“ ({share}).',
	rsRanking:
		'{n} Personen haben eine Rangfolge gebildet; „{top}“ steht im Durchschnitt am weitesten vorn (Rang {rank}).',
	rsNumeric: '{n} Antworten; Median {median}, Mittelwert {mean}.',
	rsNumericRange: '{n} Antworten; Median {median}, Mittelwert {mean}, von {min} bis {max}.',
	rsBudget:
		'{n} Personen haben je {total} verteilt; am meisten erhielt „{top}“ (im Durchschnitt {average}, {share} des Budgets).',
	rsText: '{n} Personen haben eine Antwort geschrieben.',
	rsTextTheme:
		'{n} Personen haben eine Antwort geschrieben; häufigstes Thema: „{theme}“ ({count}).',
	rsBadFilter: 'Dieser Filter passt nicht zu dieser Umfrage.',
	rsBadSegment: 'Nach dieser Frage kann nicht aufgeteilt werden.',
	rsBadDate: 'Bitte geben Sie ein Datum im Format JJJJ-MM-TT an.',
	rsDateOrder: 'Das Enddatum liegt vor dem Anfangsdatum.',
	rsCrossIncomplete: 'Für eine Kreuztabelle wählen Sie bitte zwei Fragen.',
	rsCrossSame: 'Für eine Kreuztabelle wählen Sie bitte zwei verschiedene Fragen.',
	rsTooManyFilters: 'Höchstens 10 Filter sind möglich.'
};

export const en: { [K in keyof typeof de]: string } = {
	rsOther: 'Other',
	rsNoAnswer: 'no answer',
	rsNone: 'There are no answers to this question.',
	rsSuppressed: 'Too few answers to publish results for this question (fewer than {k}).',
	rsChoiceSingle: '{n} people answered; the most chosen was “{top}” ({share}).',
	rsChoiceMultiple: '{n} people answered (multiple choice); {share} of them chose “{top}”.',
	rsChoiceHidden: '{n} people answered; some values are hidden to protect small groups.',
	rsMatrix:
		'{n} people rated {rows} statements; “{row}” has the highest share of “{scale}” ({share}).',
	rsRanking: '{n} people ranked the options; “{top}” is furthest ahead on average (rank {rank}).',
	rsNumeric: '{n} answers; median {median}, mean {mean}.',
	rsNumericRange: '{n} answers; median {median}, mean {mean}, from {min} to {max}.',
	rsBudget:
		'{n} people each distributed {total}; “{top}” received the most (on average {average}, {share} of the budget).',
	rsText: '{n} people wrote an answer.',
	rsTextTheme: '{n} people wrote an answer; the most frequent theme is “{theme}” ({count}).',
	rsBadFilter: 'This filter does not fit this survey.',
	rsBadSegment: 'Results cannot be split by this question.',
	rsBadDate: 'Please enter a date as YYYY-MM-DD.',
	rsDateOrder: 'The end date is before the start date.',
	rsCrossIncomplete: 'Please choose two questions for a cross-tab.',
	rsCrossSame: 'Please choose two different questions for a cross-tab.',
	rsTooManyFilters: 'At most 10 filters are possible.'
};
