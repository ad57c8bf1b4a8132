// Published results and the open-data index. German first; the English catalog must have exactly the same keys.
// Keys start with "rp".
export const de = {
	rpPlannerLink: 'Ergebnisse veröffentlichen',
	rpPageTitle: 'Ergebnisse veröffentlichen',
	rpIntro:
		'Veröffentlicht werden zusammengefasste Zahlen als Seite und als offene Daten (JSON, CSV), keine einzelnen Antworten und keine Freitexte. Die Zahlen werden beim Veröffentlichen festgehalten; „Aktualisieren“ übernimmt den neuesten Stand.',
	rpBackToSurvey: 'Zurück zur Umfrage',
	rpStatusTitle: 'Stand',
	rpStatusNever: 'Die Ergebnisse sind noch nicht veröffentlicht.',
	rpStatusPublished: 'Veröffentlicht seit {issued}, zuletzt aktualisiert am {modified}.',
	rpStatusWithdrawn:
		'Zurückgezogen am {date}. Die öffentlichen Adressen melden, dass die Ergebnisse nicht mehr verfügbar sind.',
	rpDraft:
		'Die Umfrage ist noch ein Entwurf. Ergebnisse lassen sich erst veröffentlichen, wenn die Umfrage selbst veröffentlicht ist.',
	rpVisibilityPlanners:
		'Laut den Einstellungen der Abstimmung ist ihr Ergebnis nur für die Planung sichtbar. Ändern Sie dort, wann das Ergebnis sichtbar ist, um es zu veröffentlichen.',
	rpVisibilityAfterClose:
		'Laut den Einstellungen der Abstimmung wird ihr Ergebnis erst nach ihrem Ende öffentlich. Veröffentlichen Sie es danach, oder ändern Sie dort, wann das Ergebnis sichtbar ist.',
	rpVisibilitySettings: 'Zu den Einstellungen der Abstimmung',
	rpDraftConflict: 'Eine Umfrage im Entwurf hat keine Ergebnisse, die sich veröffentlichen ließen.',
	rpFormTitle: 'Inhalt der Veröffentlichung',
	rpFieldTitle: 'Titel',
	rpFieldDescription: 'Beschreibung',
	rpFieldDescriptionHint: 'Ein, zwei Sätze; erscheinen auch in der Übersicht der offenen Daten.',
	rpFieldFeedback: 'Rückmeldung der Planung',
	rpFieldFeedbackHint:
		'Was folgt aus den Ergebnissen? Markdown: **fett**, *kursiv*, Listen mit „-“, Links als [Text](https://…).',
	rpCrossTabsTitle: 'Kreuztabellen',
	rpCrossTabsHint:
		'Optional: Paare von Fragen. Zeilen zeigen die Antworten der ersten, Spalten die der zweiten Frage.',
	rpCrossTabsNone:
		'Diese Umfrage hat keine Frage, nach der sich aufteilen lässt (Einfach- oder Mehrfachauswahl, Bewertung, Matrixzeile).',
	rpCrossTabLegend: 'Kreuztabelle {n}',
	rpCrossTabBy: 'Zeilen',
	rpCrossTabTarget: 'Spalten',
	rpCrossTabNone: '– keine –',
	rpCrossTabIncomplete: 'Bitte wählen Sie beide Fragen oder keine.',
	rpCrossTabSame: 'Bitte wählen Sie zwei verschiedene Fragen.',
	rpCrossTabUnknown:
		'Nach dieser Frage lässt sich nicht aufteilen. Bitte wählen Sie aus der Liste.',
	rpLicenceTitle: 'Lizenz und Schutz der Teilnehmenden',
	rpLicenceLabel: 'Lizenz (vom Betreiber festgelegt):',
	rpThreshold:
		'Zellen mit weniger als {k} Antworten werden ausgeblendet, auch solche, die sich aus Summen errechnen ließen. Freitexte werden nie veröffentlicht.',
	rpPreview: 'Vorschau der öffentlichen Seite',
	rpPublish: 'Veröffentlichen',
	rpUpdate: 'Aktualisieren',
	rpPublished: 'Die Ergebnisse sind veröffentlicht.',
	rpUpdated: 'Die Veröffentlichung ist aktualisiert.',
	rpWithdrawTitle: 'Veröffentlichung zurückziehen',
	rpWithdrawHint:
		'Seite, JSON und CSV sind danach nicht mehr abrufbar; der Datensatz verschwindet aus der Übersicht der offenen Daten.',
	rpWithdrawConfirm: 'Ja, die veröffentlichten Ergebnisse zurückziehen',
	rpWithdrawButton: 'Zurückziehen',
	rpWithdrawn: 'Die Ergebnisse sind zurückgezogen.',
	rpNotPublished: 'Die Ergebnisse sind derzeit nicht veröffentlicht.',
	rpConfirmRequired: 'Bitte bestätigen Sie das Zurückziehen.',
	rpOpenPublic: 'Öffentliche Seite ansehen',
	rpResultsHeading: 'Ergebnisse',
	rpAsOf: 'Stand: {date}',
	rpResponses: 'Ausgewertete Antworten: {n}',
	rpResponsesHidden: 'Ausgewertete Antworten: weniger als {k}',
	rpFeedbackTitle: 'Rückmeldung der Planung',
	rpQuestionsTitle: 'Ergebnisse je Frage',
	rpCrossTabsPublicTitle: 'Kreuztabellen',
	rpPrivacyNote:
		'Zum Schutz der Teilnehmenden sind Zahlen, die auf weniger als {k} Antworten beruhen, ausgeblendet (–). Freitexte werden nicht veröffentlicht.',
	rpLicencePublicTitle: 'Nutzung und Lizenz',
	rpAttributionLabel: 'Wer die Daten weiterverwendet, nennt die Quelle so:',
	rpDownloads: 'Daten herunterladen',
	rpDownloadJson: 'JSON (alle Zahlen mit Beschreibung)',
	rpDownloadCsv: 'CSV (Komma, UTF-8)',
	rpDownloadCsvExcel: 'CSV für Excel (Semikolon)',
	rpPreviewBanner:
		'Vorschau: So sähe die öffentliche Seite mit den heutigen Zahlen aus. Veröffentlicht ist damit noch nichts.',
	rpWithdrawnPage: 'Diese Ergebnisse wurden zurückgezogen und sind nicht mehr verfügbar.',
	rpResultsLink: 'Veröffentlichte Ergebnisse',
	rpToSurvey: 'Zur Umfrage',
	rpToConsultation: 'Zum Beteiligungsverfahren',
	rpOpenDataTitle: 'Offene Daten',
	rpOpenDataIntro:
		'Veröffentlichte Ergebnisse aus Umfragen, zusammengefasst und ohne Freitexte, frei nutzbar unter der jeweils genannten Lizenz.',
	rpCatalogLink: 'Katalog für Datenportale (DCAT-AP.de, JSON-LD)',
	rpOpenDataEmpty:
		'Noch sind keine Datensätze veröffentlicht. Planerinnen und Planer geben Ergebnisse auf der Seite einer Umfrage unter „Ergebnisse veröffentlichen“ frei.',
	rpIssued: 'Veröffentlicht',
	rpModified: 'Aktualisiert',
	rpConsultation: 'Beteiligungsverfahren',
	rpLicence: 'Lizenz',
	rpFormats: 'Formate',
	rpFooterLink: 'Offene Daten'
};

export const en: { [K in keyof typeof de]: string } = {
	rpPlannerLink: 'Publish results',
	rpPageTitle: 'Publish results',
	rpIntro:
		'Publishing releases aggregated numbers as a page and as open data (JSON, CSV), never single answers or free text. The numbers are fixed when you publish; “Update” takes the latest figures.',
	rpBackToSurvey: 'Back to the survey',
	rpStatusTitle: 'Status',
	rpStatusNever: 'The results are not published yet.',
	rpStatusPublished: 'Published since {issued}, last updated {modified}.',
	rpStatusWithdrawn:
		'Withdrawn on {date}. The public addresses now say the results are no longer available.',
	rpDraft:
		'The survey is still a draft. Results can be published once the survey itself is published.',
	rpVisibilityPlanners:
		'According to the poll’s settings its result is visible to planners only. Change when the result is visible there to publish it.',
	rpVisibilityAfterClose:
		'According to the poll’s settings its result becomes public only after it has closed. Publish it then, or change when the result is visible there.',
	rpVisibilitySettings: 'To the poll’s settings',
	rpDraftConflict: 'A draft survey has no results that could be published.',
	rpFormTitle: 'What is published',
	rpFieldTitle: 'Title',
	rpFieldDescription: 'Description',
	rpFieldDescriptionHint: 'One or two sentences; also shown in the open-data index.',
	rpFieldFeedback: 'Feedback from the planners',
	rpFieldFeedbackHint:
		'What follows from the results? Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…).',
	rpCrossTabsTitle: 'Cross-tabulations',
	rpCrossTabsHint:
		'Optional: pairs of questions. Rows show the answers to the first, columns those to the second question.',
	rpCrossTabsNone:
		'This survey has no question its answers can be split by (single or multiple choice, rating, matrix row).',
	rpCrossTabLegend: 'Cross-tabulation {n}',
	rpCrossTabBy: 'Rows',
	rpCrossTabTarget: 'Columns',
	rpCrossTabNone: '– none –',
	rpCrossTabIncomplete: 'Please choose both questions or neither.',
	rpCrossTabSame: 'Please choose two different questions.',
	rpCrossTabUnknown: 'Answers cannot be split by this question. Please choose one from the list.',
	rpLicenceTitle: 'Licence and protection of participants',
	rpLicenceLabel: 'Licence (set by the operator):',
	rpThreshold:
		'Cells based on fewer than {k} answers are hidden, including those that could be worked out from totals. Free text is never published.',
	rpPreview: 'Preview the public page',
	rpPublish: 'Publish',
	rpUpdate: 'Update',
	rpPublished: 'The results are published.',
	rpUpdated: 'The publication is updated.',
	rpWithdrawTitle: 'Withdraw the publication',
	rpWithdrawHint:
		'Page, JSON and CSV can no longer be retrieved; the dataset disappears from the open-data index.',
	rpWithdrawConfirm: 'Yes, withdraw the published results',
	rpWithdrawButton: 'Withdraw',
	rpWithdrawn: 'The results are withdrawn.',
	rpNotPublished: 'The results are not published at the moment.',
	rpConfirmRequired: 'Please confirm the withdrawal.',
	rpOpenPublic: 'View the public page',
	rpResultsHeading: 'Results',
	rpAsOf: 'As of {date}',
	rpResponses: 'Responses analysed: {n}',
	rpResponsesHidden: 'Responses analysed: fewer than {k}',
	rpFeedbackTitle: 'Feedback from the planners',
	rpQuestionsTitle: 'Results per question',
	rpCrossTabsPublicTitle: 'Cross-tabulations',
	rpPrivacyNote:
		'To protect participants, numbers based on fewer than {k} answers are hidden (–). Free text is not published.',
	rpLicencePublicTitle: 'Use and licence',
	rpAttributionLabel: 'Anyone reusing the data credits the source as:',
	rpDownloads: 'Download the data',
	rpDownloadJson: 'JSON (all numbers with their description)',
	rpDownloadCsv: 'CSV (comma, UTF-8)',
	rpDownloadCsvExcel: 'CSV for Excel (semicolon)',
	rpPreviewBanner:
		'Preview: this is how the public page would look with today’s numbers. Nothing is published yet.',
	rpWithdrawnPage: 'These results have been withdrawn and are no longer available.',
	rpResultsLink: 'Published results',
	rpToSurvey: 'To the survey',
	rpToConsultation: 'To the consultation',
	rpOpenDataTitle: 'Open data',
	rpOpenDataIntro:
		'Published survey results, aggregated and without free text, free to use under the licence named with each.',
	rpCatalogLink: 'Catalogue for data portals (DCAT-AP.de, JSON-LD)',
	rpOpenDataEmpty:
		'No datasets are published yet. Planners release results on a survey’s page under “Publish results”.',
	rpIssued: 'Published',
	rpModified: 'Updated',
	rpConsultation: 'Consultation',
	rpLicence: 'Licence',
	rpFormats: 'Formats',
	rpFooterLink: 'Open data'
};
