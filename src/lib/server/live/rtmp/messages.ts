/**
 * German texts sent to the encoder (OBS shows them in its log, ffmpeg prints them as "Server
 * error") and handed to onRefused for the clerk's console. They never contain the stream key.
 */
export const ingestMessages = {
	busy: 'Für diese Sitzung sendet bereits ein Encoder.',
	badKey: 'Der Stream-Schlüssel ist ungültig.',
	authorizeFailed:
		'Der Stream-Schlüssel konnte gerade nicht geprüft werden. Bitte in einer Minute erneut versuchen.',
	codecVideo: (found: string) =>
		`Das Videoformat ${found} wird nicht unterstützt. Bitte im Encoder H.264 (x264) als Video-Encoder wählen.`,
	codecAudio: (found: string) =>
		`Das Tonformat ${found} wird nicht unterstützt. Bitte im Encoder AAC (oder MP3) als Audio-Encoder wählen.`,
	protocol: 'Die Verbindung hat das RTMP-Protokoll verletzt und wurde getrennt.',
	handshakeTimeout: 'Der RTMP-Verbindungsaufbau wurde nicht rechtzeitig abgeschlossen.',
	publishTimeout: 'Der Encoder hat nicht rechtzeitig mit dem Senden begonnen.',
	idleTimeout:
		'Vom Encoder kommen seit einiger Zeit keine Daten mehr; die Verbindung wurde getrennt.',
	overloadConnections: 'Der Server nimmt gerade keine weiteren RTMP-Verbindungen an.',
	overloadBuffer:
		'Der Stream konnte nicht schnell genug verarbeitet werden; die Verbindung wurde getrennt.'
} as const;
