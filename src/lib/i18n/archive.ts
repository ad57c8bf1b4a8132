// The meeting archive: replay player, chapters and the clerks' chapter editor. German first; the
// English catalog must have exactly the same keys.
export const de = {
	replayHeading: 'Aufzeichnung',
	replayUnsupported:
		'Dieser Browser kann die Aufzeichnung nicht abspielen. Öffnen Sie die Playlist unten in einem Videoplayer wie VLC.',
	replayFailed:
		'Die Aufzeichnung konnte nicht geladen werden. Bitte laden Sie die Seite neu oder versuchen Sie es später erneut.',
	replayNoScript:
		'Zum Abspielen im Browser wird JavaScript benötigt. Die Playlist lässt sich auch in einem Videoplayer wie VLC öffnen; die Kapitelmarken unten führen direkt zum jeweiligen Tagesordnungspunkt.',
	replayAgendaHint:
		'Die Zeitangaben in der Tagesordnung spielen die Aufzeichnung ab dem Beginn des jeweiligen Tagesordnungspunkts ab.',
	replayBack10: '10 Sekunden zurück',
	replayForward10: '10 Sekunden vor',
	replayPlay: 'Abspielen',
	replayPause: 'Anhalten',
	replayShare: 'Link zu dieser Stelle teilen',
	replayShareCopied: 'Der Link ist in die Zwischenablage kopiert.',
	replayShareManual: 'Kopieren Sie den Link aus diesem Feld:',
	replayShareField: 'Link zu dieser Stelle',
	replayDownloads: 'Für andere Programme',
	replayPlaylist: 'HLS-Playlist (m3u8)',
	replayChaptersVtt: 'Kapitel als WebVTT',
	replayChaptersJson: 'Kapitel als JSON',
	replayCaptions: 'Untertitel',
	replayPosition: 'Position {time} von {total}',

	chapEditorTitle: 'Kapitelmarken: {meeting}',
	chapEditorIntro:
		'Tragen Sie für jeden Tagesordnungspunkt ein, wo er in der Aufzeichnung beginnt: als Uhrzeit der Aufzeichnung (Stunden:Minuten:Sekunden, z. B. 1:02:03) oder in Sekunden (z. B. 125). Ein Kapitel endet dort, wo das nächste beginnt. Punkte ohne Zeit bekommen kein Kapitel.',
	chapEditorBack: 'Zurück zur Sitzung',
	chapEditorNoArchive:
		'Diese Sitzung hat noch keine fertige Aufzeichnung. Laden Sie zuerst eine Aufzeichnung hoch; sobald sie umgewandelt ist, können Sie hier die Kapitelmarken setzen.',
	chapEditorUpload: 'Zur Aufzeichnung der Sitzung',
	chapEditorNoItems:
		'Diese Sitzung hat noch keine Tagesordnungspunkte. Legen Sie zuerst die Tagesordnung an.',
	chapEditorItems: 'Startzeiten der Tagesordnungspunkte',
	chapEditorStart: 'Start von {number}',
	chapEditorStartHint: 'Leer lassen für keine Kapitelmarke.',
	chapEditorSetHere: 'Start hier setzen',
	chapEditorSetHereFor: '{number}: Start hier setzen',
	chapEditorJump: 'Zur Marke springen',
	chapEditorJumpFor: '{number}: zur Marke springen',
	chapEditorSelectFor: '{number} für Taste M auswählen',
	chapEditorSave: 'Kapitelmarken speichern',
	chapEditorSavedThumbs:
		'Die Kapitelmarken sind gespeichert. Die Vorschaubilder werden im Hintergrund neu erstellt.',
	chapEditorUnchanged: 'Es gab keine Änderungen zu speichern.',
	chapEditorNonPublic: 'nicht öffentlich: erscheint nicht im öffentlichen Kapitelverzeichnis',
	chapEditorKeys: 'Tastenkürzel (wenn der Fokus nicht in einem Eingabefeld steht)',
	chapEditorKeyPlay: 'Leertaste oder K: Abspielen oder Anhalten',
	chapEditorKeyStep: 'J und L: eine Sekunde zurück oder vor; mit Umschalt: zehn Sekunden',
	chapEditorKeyFrame: ', (Komma) und . (Punkt): ein Bild zurück oder vor (bei angehaltenem Video)',
	chapEditorKeyMark: 'M: Start des ausgewählten Tagesordnungspunkts auf die aktuelle Stelle setzen',
	chapEditorKeySelect: 'N und P: nächsten oder vorigen Tagesordnungspunkt auswählen',
	chapEditorMarked: 'Start von {number} auf {time} gesetzt (noch nicht gespeichert).',
	chapEditorSelected: '{number} ausgewählt.',
	chapEditorPosition: 'Aktuelle Stelle: {time}',

	chapTimeInvalid:
		'Bitte eine Zeit wie 1:02:03 (Stunden:Minuten:Sekunden), 2:03 oder eine Zahl von Sekunden angeben.',
	chapTimeAfterEnd:
		'Diese Zeit liegt nicht in der Aufzeichnung; sie ist {end} lang. Bitte eine frühere Zeit angeben.',
	chapTimeOrder:
		'Diese Zeit liegt vor der Marke von {number} ({time}). Die Kapitel müssen der Reihenfolge der Tagesordnung folgen.',
	chapTimeDuplicate:
		'Dieselbe Zeit wie bei {number}. Jeder Tagesordnungspunkt braucht eine eigene Startzeit.'
};

export const en: { [K in keyof typeof de]: string } = {
	replayHeading: 'Recording',
	replayUnsupported:
		'This browser cannot play the recording. Open the playlist below in a video player such as VLC.',
	replayFailed: 'The recording could not be loaded. Please reload the page or try again later.',
	replayNoScript:
		'Playing in the browser needs JavaScript. The playlist also opens in a video player such as VLC; the chapter links below go straight to each agenda item.',
	replayAgendaHint:
		'The times in the agenda play the recording from the start of each agenda item.',
	replayBack10: 'Back 10 seconds',
	replayForward10: 'Forward 10 seconds',
	replayPlay: 'Play',
	replayPause: 'Pause',
	replayShare: 'Share a link to this point',
	replayShareCopied: 'The link has been copied to the clipboard.',
	replayShareManual: 'Copy the link from this field:',
	replayShareField: 'Link to this point',
	replayDownloads: 'For other programs',
	replayPlaylist: 'HLS playlist (m3u8)',
	replayChaptersVtt: 'Chapters as WebVTT',
	replayChaptersJson: 'Chapters as JSON',
	replayCaptions: 'Captions',
	replayPosition: 'Position {time} of {total}',

	chapEditorTitle: 'Chapter marks: {meeting}',
	chapEditorIntro:
		'Enter where each agenda item starts in the recording: as a time of the recording (hours:minutes:seconds, e.g. 1:02:03) or in seconds (e.g. 125). A chapter ends where the next one starts. Items without a time get no chapter.',
	chapEditorBack: 'Back to the meeting',
	chapEditorNoArchive:
		'This meeting has no finished recording yet. Upload a recording first; once it is converted you can set the chapter marks here.',
	chapEditorUpload: 'To the meeting’s recording',
	chapEditorNoItems: 'This meeting has no agenda items yet. Create the agenda first.',
	chapEditorItems: 'Start times of the agenda items',
	chapEditorStart: 'Start of {number}',
	chapEditorStartHint: 'Leave empty for no chapter mark.',
	chapEditorSetHere: 'Set start here',
	chapEditorSetHereFor: '{number}: set start here',
	chapEditorJump: 'Jump to mark',
	chapEditorJumpFor: '{number}: jump to mark',
	chapEditorSelectFor: 'Select {number} for key M',
	chapEditorSave: 'Save chapter marks',
	chapEditorSavedThumbs:
		'The chapter marks have been saved. The thumbnails are being recreated in the background.',
	chapEditorUnchanged: 'There were no changes to save.',
	chapEditorNonPublic: 'closed session: not listed in the public chapters',
	chapEditorKeys: 'Keyboard shortcuts (when the focus is not in an input field)',
	chapEditorKeyPlay: 'Space or K: play or pause',
	chapEditorKeyStep: 'J and L: one second back or forward; with Shift: ten seconds',
	chapEditorKeyFrame: ', (comma) and . (full stop): one frame back or forward (while paused)',
	chapEditorKeyMark: 'M: set the selected agenda item’s start to the current point',
	chapEditorKeySelect: 'N and P: select the next or previous agenda item',
	chapEditorMarked: 'Start of {number} set to {time} (not saved yet).',
	chapEditorSelected: '{number} selected.',
	chapEditorPosition: 'Current point: {time}',

	chapTimeInvalid:
		'Please enter a time like 1:02:03 (hours:minutes:seconds), 2:03 or a number of seconds.',
	chapTimeAfterEnd:
		'This time is not on the recording; it is {end} long. Please enter an earlier time.',
	chapTimeOrder:
		'This time is before the mark of {number} ({time}). Chapters must follow the order of the agenda.',
	chapTimeDuplicate: 'The same time as {number}. Every agenda item needs its own start time.'
};
