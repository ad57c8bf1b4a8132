// OParl import page for clerks (Sitzungsdienst). German first; English has the same keys.
export const de = {
	oparlImportTitle: 'Import aus dem Ratsinformationssystem',
	oparlImportIntro:
		'Übernehmen Sie Gremien, Personen, Mitgliedschaften, Wahlperioden, Sitzungen mit Tagesordnung und die Dokumente zu den Tagesordnungspunkten aus einem Ratsinformationssystem mit OParl-Schnittstelle (Version 1.0 oder 1.1).',
	oparlImportRules:
		'Ein wiederholter Import aktualisiert die übernommenen Einträge und legt nichts doppelt an. Was im Ratsinformationssystem gelöscht ist, wird hier ebenfalls als gelöscht markiert. Einwilligungen zur Aufzeichnung und Kapitelmarken pflegen Sie nur hier; ein Import ändert sie nie. Schlägt ein Import fehl, wird nichts übernommen.',
	oparlImportField: 'Adresse des OParl-Systems oder der Körperschaft',
	oparlImportHint: 'Die vollständige Adresse, z. B. https://ris.beispielstadt.de/oparl/v1/system',
	oparlImportSubmit: 'Import starten',
	oparlImportUrlInvalid:
		'Bitte geben Sie eine vollständige Adresse ein, die mit http:// oder https:// beginnt.',
	oparlImportStarted:
		'Der Import wurde gestartet. Er läuft im Hintergrund; laden Sie die Seite neu, um den Stand zu sehen.',
	oparlImportReload: 'Seite neu laden',
	oparlImportHistory: 'Bisherige Importe',
	oparlImportEmpty:
		'Es gab noch keinen Import. Geben Sie oben die Adresse der OParl-Schnittstelle Ihres Ratsinformationssystems ein und starten Sie den ersten Import.',
	oparlImportColStarted: 'Gestartet',
	oparlImportColEndpoint: 'Adresse',
	oparlImportColState: 'Stand',
	oparlImportColResult: 'Ergebnis',
	oparlState_queued: 'wartet',
	oparlState_running: 'läuft',
	oparlState_done: 'abgeschlossen',
	oparlState_failed: 'fehlgeschlagen',
	oparlCount_organizations: 'Gremien',
	oparlCount_persons: 'Personen',
	oparlCount_memberships: 'Mitgliedschaften',
	oparlCount_legislativeTerms: 'Wahlperioden',
	oparlCount_meetings: 'Sitzungen',
	oparlCount_agendaItems: 'Tagesordnungspunkte',
	oparlCount_papers: 'Dokumente',
	oparlCount_deleted: 'als gelöscht markiert',
	oparlCount_warnings: 'übersprungen (ungültig)'
};

export const en: { [K in keyof typeof de]: string } = {
	oparlImportTitle: 'Import from the council information system',
	oparlImportIntro:
		'Import committees, persons, memberships, legislative terms, meetings with their agenda and the documents of agenda items from a council information system with an OParl interface (version 1.0 or 1.1).',
	oparlImportRules:
		'Importing again updates what was imported before and never creates duplicates. What was deleted in the council information system is marked as deleted here as well. Recording consent and chapter marks are kept only here; an import never changes them. When an import fails, nothing is taken over.',
	oparlImportField: 'Address of the OParl system or body',
	oparlImportHint: 'The full address, e.g. https://ris.example-town.de/oparl/v1/system',
	oparlImportSubmit: 'Start import',
	oparlImportUrlInvalid: 'Please enter a full address starting with http:// or https://.',
	oparlImportStarted:
		'The import has started. It runs in the background; reload the page to see how it is going.',
	oparlImportReload: 'Reload page',
	oparlImportHistory: 'Previous imports',
	oparlImportEmpty:
		'There has been no import yet. Enter the address of your council information system’s OParl interface above and start the first import.',
	oparlImportColStarted: 'Started',
	oparlImportColEndpoint: 'Address',
	oparlImportColState: 'State',
	oparlImportColResult: 'Result',
	oparlState_queued: 'waiting',
	oparlState_running: 'running',
	oparlState_done: 'finished',
	oparlState_failed: 'failed',
	oparlCount_organizations: 'committees',
	oparlCount_persons: 'persons',
	oparlCount_memberships: 'memberships',
	oparlCount_legislativeTerms: 'legislative terms',
	oparlCount_meetings: 'meetings',
	oparlCount_agendaItems: 'agenda items',
	oparlCount_papers: 'documents',
	oparlCount_deleted: 'marked as deleted',
	oparlCount_warnings: 'skipped (invalid)'
};
