// Live streaming (live-view). German first; the English catalog must have exactly the same keys.
export const de = {
	lvBadToken: 'Ungültiges Zuschauer-Kennzeichen.',
	lvNoStream: 'Für diese Sitzung gibt es keine Live-Übertragung.',
	lvHeading: 'Live-Übertragung',
	lvWaiting: 'Die Übertragung beginnt, sobald die Sitzung eröffnet ist.',
	lvScheduled: 'Geplanter Beginn: {time}',
	lvBadge: 'LIVE',
	lvBadgeLabel: 'Die Sitzung wird gerade live übertragen.',
	lvCurrent: 'Aktueller Tagesordnungspunkt',
	lvNoCurrent: 'Gleich geht es los.',
	lvNonPublic: 'Nichtöffentlicher Teil – die Übertragung wird danach fortgesetzt.',
	lvViewers: 'Zuschauer: etwa {count}',
	lvEnded: 'Die Übertragung ist beendet.',
	lvEndedArchive: 'Die Aufzeichnung erscheint hier, sobald sie aufbereitet ist.',
	lvWaitingPicture: 'Warten auf Bild …',
	lvPlayer: 'Live-Übertragung der Sitzung',
	lvUnsupported: 'Ihr Browser kann die Übertragung nicht abspielen.',
	lvNoScript:
		'Ohne JavaScript aktualisiert sich diese Seite nicht von selbst. Bitte laden Sie sie neu, um den aktuellen Stand zu sehen.',
	lvPlaylistLink: 'Übertragung in einem eigenen Player öffnen (HLS)'
};

export const en: { [K in keyof typeof de]: string } = {
	lvBadToken: 'Invalid viewer token.',
	lvNoStream: 'This meeting has no live stream.',
	lvHeading: 'Live stream',
	lvWaiting: 'The stream begins as soon as the meeting is opened.',
	lvScheduled: 'Scheduled start: {time}',
	lvBadge: 'LIVE',
	lvBadgeLabel: 'The meeting is being streamed live.',
	lvCurrent: 'Current agenda item',
	lvNoCurrent: 'Starting shortly.',
	lvNonPublic: 'Non-public part – the stream will continue afterwards.',
	lvViewers: 'Viewers: about {count}',
	lvEnded: 'The stream has ended.',
	lvEndedArchive: 'The recording appears here once it is ready.',
	lvWaitingPicture: 'Waiting for picture …',
	lvPlayer: 'Live stream of the meeting',
	lvUnsupported: 'Your browser cannot play the stream.',
	lvNoScript:
		'Without JavaScript this page does not update itself. Reload it to see the current state.',
	lvPlaylistLink: 'Open the stream in your own player (HLS)'
};
