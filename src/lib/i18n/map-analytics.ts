// Map comment analytics for planners. German first; the English catalog must have exactly the same keys.
// Keys start with "ma".
export const de = {
	maLink: 'Kartenhinweise auswerten',
	maLinkIntro:
		'Zahlen nach Kategorie, Status und Zeit, die Karte nach Kategorien und die am meisten unterstützten Hinweise.',
	maTitle: 'Auswertung der Kartenhinweise',
	maPageTitle: 'Auswertung der Kartenhinweise: {title}',
	maBack: 'Zurück zur Einrichtung der Kartenbeteiligung',
	maNoStage:
		'Dieses Verfahren hat noch keine Kartenbeteiligung. Richten Sie sie zuerst ein; dann erscheint hier ihre Auswertung.',
	maNoStageLink: 'Kartenbeteiligung einrichten',
	maAsOf:
		'Stand: {time}. Die Zahlen werden bei jedem Aufruf neu gezählt; laden Sie die Seite neu, um neue Hinweise zu sehen.',
	maSections: 'Abschnitte der Auswertung',

	maFilterHeading: 'Auswahl',
	maFilterCategory: 'Kategorie',
	maFilterStatus: 'Status',
	maFilterNoneHint: 'Ohne Haken zählen alle Kategorien und alle Status.',
	maFilterFrom: 'Eingegangen ab',
	maFilterTo: 'Eingegangen bis',
	maFilterDateHint: 'Kalendertage, beide einschließlich.',
	maFilterView: 'Ansicht der Karte',
	maFilterViewMap: 'Karte',
	maFilterApply: 'Auswahl anwenden',
	maFilterReset: 'Auswahl zurücksetzen',
	maFilterAll: 'Gezählt werden alle Hinweise der Kartenbeteiligung.',
	maFilterActive: 'Gezählt werden Hinweise mit {parts}.',
	maFilterPartCategory: 'Kategorie {names}',
	maFilterPartStatus: 'Status {names}',
	maFilterPartFrom: 'Eingang ab {date}',
	maFilterPartTo: 'Eingang bis {date}',
	maOr: 'oder',
	maAnd: 'und',

	maQueryCategory:
		'Die Auswahl enthält eine Kategorie, die es in dieser Kartenbeteiligung nicht gibt. Bitte wählen Sie die Kategorien im Formular aus.',
	maQueryStatus:
		'Die Auswahl enthält einen unbekannten Status. Bitte wählen Sie den Status im Formular aus.',
	maQueryDate:
		'Ein Datum der Auswahl ist ungültig. Bitte geben Sie einen Kalendertag als JJJJ-MM-TT an, zum Beispiel 2026-03-01.',
	maQueryRange:
		'Das Datum „Eingegangen ab“ liegt nach dem Datum „Eingegangen bis“. Bitte tauschen Sie die beiden Daten.',
	maQueryView: 'Diese Ansicht der Karte gibt es in der Kartenbeteiligung nicht.',

	maFiguresHeading: 'Überblick',
	maFigureVisible: 'Sichtbare Hinweise',
	maFigureHidden: 'Ausgeblendet',
	maFigureHiddenDetail:
		'{moderator} durch die Moderation, {reports} nach Meldungen (Prüfung offen)',
	maFigureReported: 'Sichtbar, aber gemeldet',
	maFigureAnswered: 'Beantwortet',
	maFigureAnsweredShare: '{pct} % der sichtbaren Hinweise',
	maFigureSupports: 'Unterstützungen',
	maExport: 'Alle sichtbaren Hinweise ohne Auswahl herunterladen:',
	maExportCsv: 'CSV für Excel',
	maHiddenNote:
		'Ausgeblendete Hinweise stehen nur in der Zahl „Ausgeblendet“, nicht in den Tabellen, auf der Karte und in der Liste.',

	maByCategoryHeading: 'Nach Kategorie und Status',
	maCategoryChart:
		'Sichtbare Hinweise je Kategorie als Balkendiagramm; die Zahlen stehen auch in der Tabelle.',
	maTableCaption: 'Sichtbare Hinweise nach Kategorie (Zeilen) und Status (Spalten)',
	maColCategory: 'Kategorie',
	maColNumber: 'Nr.',
	maColTotal: 'Summe',
	maRowTotal: 'Summe',
	maSummaryCategories:
		'Von {total} sichtbaren Hinweisen betreffen die meisten die Kategorie „{name}“: {n} ({pct} %).',
	maSummaryCategoriesTie:
		'Von {total} sichtbaren Hinweisen betreffen je {n} ({pct} %) die Kategorien {names}.',
	maSummaryOne: 'Es gibt einen sichtbaren Hinweis, in der Kategorie „{name}“.',
	maSummaryEmpty:
		'Für diese Auswahl gibt es keine sichtbaren Hinweise. Erweitern Sie die Auswahl oder setzen Sie sie zurück.',
	maSummaryStatus:
		'{answered} von {total} sichtbaren Hinweisen sind beantwortet ({pct} %), {fresh} sind noch neu.',

	maTimeHeading: 'Im Zeitverlauf',
	maTimeChart:
		'Eingang sichtbarer Hinweise als Säulendiagramm; die Zahlen stehen auch in der Tabelle.',
	maTimeCaptionDay: 'Sichtbare Hinweise je Tag',
	maTimeCaptionWeek: 'Sichtbare Hinweise je Woche (ab Montag)',
	maColDay: 'Tag',
	maColWeek: 'Woche ab',
	maColCount: 'Hinweise',
	maSummaryTimeDay:
		'Die meisten Hinweise kamen am {date} ({n}); insgesamt {total} vom {first} bis {last}.',
	maSummaryTimeWeek:
		'Die meisten Hinweise kamen in der Woche ab {date} ({n}); insgesamt {total} vom {first} bis {last}.',
	maTimeEmpty:
		'Im gewählten Zeitraum sind keine sichtbaren Hinweise eingegangen. Erweitern Sie den Zeitraum oder setzen Sie die Auswahl zurück.',

	maMapHeading: 'Karte nach Kategorie',
	maMapNote:
		'Die Karte ergänzt die Tabellen: Dort stehen dieselben Zahlen, auch für Tastatur und Screenreader. Jede Markierung zeigt die Farbe und die Nummer ihrer Kategorie, die Form zeigt Punkt, Linie oder Fläche.',
	maMapHelp:
		'Mit den Pfeiltasten verschieben, mit Plus und Minus zoomen; mit der Tabulatortaste zu den Markierungen, Eingabetaste wählt eine aus.',
	maLegend: 'Legende',
	maLegendCount: '{n} in dieser Ansicht',
	maMapEmpty: 'In dieser Ansicht gibt es für die Auswahl keine sichtbaren Hinweise.',
	maMapSelected: 'Ausgewählt: {title}',
	maMapOpen: 'Hinweis öffnen',
	maNoScript: 'Die Karte braucht JavaScript; alle Zahlen stehen in den Tabellen dieser Seite.',

	maTopHeading: 'Am meisten unterstützt',
	maTopCaption:
		'Die bis zu {n} am meisten unterstützten sichtbaren Hinweise; bei gleicher Zahl steht der frühere vorn',
	maColRank: 'Platz',
	maColTitle: 'Titel',
	maColStatus: 'Status',
	maColSupports: 'Unterstützungen',
	maColCreated: 'Eingegangen',
	maTopEmpty: 'Kein sichtbarer Hinweis dieser Auswahl wurde bisher unterstützt.'
};

export const en: { [K in keyof typeof de]: string } = {
	maLink: 'Analyse map comments',
	maLinkIntro:
		'Counts by category, status and time, the map by category and the most supported comments.',
	maTitle: 'Map comment analysis',
	maPageTitle: 'Map comment analysis: {title}',
	maBack: 'Back to the map stage setup',
	maNoStage:
		'This consultation has no map stage yet. Set it up first; its analysis then appears here.',
	maNoStageLink: 'Set up the map stage',
	maAsOf:
		'As of {time}. The figures are counted afresh on every visit; reload the page to see new comments.',
	maSections: 'Sections of the analysis',

	maFilterHeading: 'Selection',
	maFilterCategory: 'Category',
	maFilterStatus: 'Status',
	maFilterNoneHint: 'With nothing ticked, all categories and all statuses count.',
	maFilterFrom: 'Received from',
	maFilterTo: 'Received until',
	maFilterDateHint: 'Calendar days, both inclusive.',
	maFilterView: 'Map view',
	maFilterViewMap: 'Map',
	maFilterApply: 'Apply selection',
	maFilterReset: 'Reset selection',
	maFilterAll: 'All comments of the map stage are counted.',
	maFilterActive: 'Counted are comments with {parts}.',
	maFilterPartCategory: 'category {names}',
	maFilterPartStatus: 'status {names}',
	maFilterPartFrom: 'received from {date}',
	maFilterPartTo: 'received until {date}',
	maOr: 'or',
	maAnd: 'and',

	maQueryCategory:
		'The selection contains a category this map stage does not have. Please choose the categories in the form.',
	maQueryStatus: 'The selection contains an unknown status. Please choose the status in the form.',
	maQueryDate:
		'A date in the selection is not valid. Please give a calendar day as YYYY-MM-DD, for example 2026-03-01.',
	maQueryRange:
		'The date "received from" is after the date "received until". Please swap the two dates.',
	maQueryView: 'The map stage has no such map view.',

	maFiguresHeading: 'Overview',
	maFigureVisible: 'Visible comments',
	maFigureHidden: 'Hidden',
	maFigureHiddenDetail: '{moderator} by moderation, {reports} after reports (review pending)',
	maFigureReported: 'Visible but reported',
	maFigureAnswered: 'Answered',
	maFigureAnsweredShare: '{pct} % of the visible comments',
	maFigureSupports: 'Supports',
	maExport: 'Download all visible comments, without the selection:',
	maExportCsv: 'CSV for Excel',
	maHiddenNote:
		'Hidden comments only appear in the figure "Hidden", not in the tables, on the map or in the list.',

	maByCategoryHeading: 'By category and status',
	maCategoryChart:
		'Visible comments per category as a bar chart; the figures are also in the table.',
	maTableCaption: 'Visible comments by category (rows) and status (columns)',
	maColCategory: 'Category',
	maColNumber: 'No.',
	maColTotal: 'Total',
	maRowTotal: 'Total',
	maSummaryCategories:
		'Of {total} visible comments, most concern the category "{name}": {n} ({pct} %).',
	maSummaryCategoriesTie:
		'Of {total} visible comments, {n} each ({pct} %) concern the categories {names}.',
	maSummaryOne: 'There is one visible comment, in the category "{name}".',
	maSummaryEmpty:
		'There are no visible comments for this selection. Widen the selection or reset it.',
	maSummaryStatus:
		'{answered} of {total} visible comments are answered ({pct} %), {fresh} are still new.',

	maTimeHeading: 'Over time',
	maTimeChart: 'Visible comments received, as a column chart; the figures are also in the table.',
	maTimeCaptionDay: 'Visible comments per day',
	maTimeCaptionWeek: 'Visible comments per week (from Monday)',
	maColDay: 'Day',
	maColWeek: 'Week from',
	maColCount: 'Comments',
	maSummaryTimeDay: 'Most comments came on {date} ({n}); {total} in all from {first} to {last}.',
	maSummaryTimeWeek:
		'Most comments came in the week from {date} ({n}); {total} in all from {first} to {last}.',
	maTimeEmpty:
		'No visible comments were received in the chosen period. Widen the period or reset the selection.',

	maMapHeading: 'Map by category',
	maMapNote:
		'The map supplements the tables: they hold the same figures, also for keyboard and screen reader users. Each marker shows the colour and the number of its category; its shape shows point, line or area.',
	maMapHelp:
		'Pan with the arrow keys, zoom with plus and minus; the Tab key reaches the markers, Enter selects one.',
	maLegend: 'Legend',
	maLegendCount: '{n} in this view',
	maMapEmpty: 'There are no visible comments for the selection in this view.',
	maMapSelected: 'Selected: {title}',
	maMapOpen: 'Open comment',
	maNoScript: 'The map needs JavaScript; all figures are in the tables of this page.',

	maTopHeading: 'Most supported',
	maTopCaption:
		'Up to {n} most supported visible comments; on equal counts the earlier one comes first',
	maColRank: 'Rank',
	maColTitle: 'Title',
	maColStatus: 'Status',
	maColSupports: 'Supports',
	maColCreated: 'Received',
	maTopEmpty: 'No visible comment of this selection has been supported yet.'
};
