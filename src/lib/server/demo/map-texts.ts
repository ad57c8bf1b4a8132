import type { CommentStatus, GeometryType } from '../../mapcomments/types.ts';

// The demo's map comments: what neighbours of a small town's market square typically write.
// Positions are fractions of the plan drawing (see mapcomments.ts), so they sit on its features.

export interface DemoComment {
	category: 'Verkehr' | 'Grün' | 'Aufenthalt' | 'Sonstiges';
	type: GeometryType;
	/** Fractions [x, y] of the plan, y downwards; an area's ring is closed automatically. */
	at: [number, number][];
	title: string;
	body: string;
	author: number;
	supports: number;
	status?: CommentStatus;
	answer?: string;
	replies?: string[];
	/** On the detail plan (no geo reference) instead of the site plan. */
	detail?: boolean;
}

export const DEMO_NEIGHBOURS = [
	'Anna K.',
	'Bernd S.',
	'Carla M.',
	'Deniz Y.',
	'Elke W.',
	'Frank T.',
	'Gisela H.',
	null
];

export const DEMO_MAP_COMMENTS: DemoComment[] = [
	{
		category: 'Verkehr',
		type: 'Point',
		at: [[0.24, 0.83]],
		title: 'Parkplätze am Markt reduzieren',
		body: 'Der Parkplatz nimmt fast ein Drittel des Platzes ein. Wer zur Burg will, kann auch unten im Tal parken und den Shuttle nehmen.',
		author: 0,
		supports: 5,
		status: 'in_review',
		replies: [
			'Für Ältere ist der Weg vom Tal hoch aber zu steil. Ein paar Plätze sollten bleiben.',
			'Dann bitte nur Behindertenparkplätze und Lieferzone.'
		]
	},
	{
		category: 'Verkehr',
		type: 'LineString',
		at: [
			[0.1, 0.05],
			[0.5, 0.06],
			[0.95, 0.05]
		],
		title: 'Tempo 20 auf der Burgstraße',
		body: 'Autos fahren hier viel zu schnell über das Pflaster, es ist laut und für Kinder gefährlich.',
		author: 1,
		supports: 6,
		status: 'accepted',
		answer:
			'Die Straßenverkehrsbehörde hat Tempo 20 als verkehrsberuhigten Geschäftsbereich geprüft. Die Anordnung ist für das Frühjahr vorgesehen.'
	},
	{
		category: 'Verkehr',
		type: 'Point',
		at: [[0.815, 0.9]],
		title: 'Bushaltestelle barrierefrei ausbauen',
		body: 'Mit Rollator kommt man kaum in den Bus. Ein erhöhter Bordstein und ein Unterstand mit Sitzbank wären gut.',
		author: 2,
		supports: 4,
		status: 'accepted',
		answer: 'Der barrierefreie Ausbau der Haltestelle ist Teil des Entwurfs (Variante A und B).'
	},
	{
		category: 'Verkehr',
		type: 'Point',
		at: [[0.5, 0.085]],
		title: 'Poller an der Einfahrt',
		body: 'Versenkbare Poller würden verhindern, dass Autos über den Platz abkürzen. Der Wochenmarkt und Rettungsfahrzeuge kämen trotzdem durch.',
		author: 3,
		supports: 3
	},
	{
		category: 'Verkehr',
		type: 'LineString',
		at: [
			[0.3, 0.78],
			[0.4, 0.68],
			[0.5, 0.6]
		],
		title: 'Sicherer Fußweg vom Parkplatz',
		body: 'Zwischen Parkplatz und Brunnen gibt es keinen klaren Weg. Man läuft zwischen rangierenden Autos.',
		author: 4,
		supports: 2
	},
	{
		category: 'Verkehr',
		type: 'Point',
		at: [[0.74, 0.52]],
		title: 'Fahrradbügel am Kirchplatz',
		body: 'Radfahrende stellen ihre Räder an die Kirchmauer. Sechs bis acht Bügel würden reichen.',
		author: 5,
		supports: 3,
		status: 'in_review'
	},
	{
		category: 'Verkehr',
		type: 'Polygon',
		at: [
			[0.11, 0.72],
			[0.37, 0.72],
			[0.37, 0.95],
			[0.11, 0.95]
		],
		title: 'Parkplatz nur für Anwohnende',
		body: 'Wenn der Parkplatz bleibt, dann bitte als Anwohnerparken. Besucher finden sonst nie etwas.',
		author: 6,
		supports: 1,
		status: 'rejected',
		answer:
			'Anwohnerparken ist auf öffentlichen Plätzen in der Größe rechtlich nicht zulässig. Wir prüfen stattdessen Kurzzeitparken.'
	},
	{
		category: 'Verkehr',
		type: 'Point',
		at: [[0.66, 0.3]],
		title: 'Lieferzone für die Gastronomie',
		body: 'Lieferwagen stehen morgens mitten auf dem Platz. Eine feste Lieferzone bis 11 Uhr wäre sinnvoll.',
		author: 0,
		supports: 2
	},
	{
		category: 'Verkehr',
		type: 'Point',
		at: [[0.1, 0.5]],
		title: 'Zebrastreifen an der Einmündung Markt',
		body: 'Hier queren viele Kinder auf dem Schulweg.',
		author: 1,
		supports: 4
	},
	{
		category: 'Verkehr',
		type: 'Point',
		at: [[0.7, 0.85]],
		title: 'Ladestation für E-Bikes',
		body: 'Viele Ausflügler kommen mit dem E-Bike. Eine Ladestation am Markt würde sie länger hier halten.',
		author: 2,
		supports: 1
	},
	{
		category: 'Grün',
		type: 'Point',
		at: [[0.3125, 0.375]],
		title: 'Alte Linde unbedingt erhalten',
		body: 'Die Linde ist über hundert Jahre alt und spendet im Sommer den einzigen Schatten. Bitte bei den Bauarbeiten die Wurzeln schützen.',
		author: 3,
		supports: 7,
		status: 'accepted',
		answer:
			'Die Linde bleibt in beiden Entwurfsvarianten erhalten; während der Bauzeit wird ein Wurzelschutz eingerichtet.',
		replies: ['Unbedingt! Die Linde ist das Herz des Platzes.']
	},
	{
		category: 'Grün',
		type: 'Polygon',
		at: [
			[0.38, 0.62],
			[0.44, 0.62],
			[0.44, 0.7],
			[0.38, 0.7]
		],
		title: 'Blühwiese statt Pflaster',
		body: 'Ein kleines Stück Blühwiese neben dem Brunnen wäre gut für Insekten und sieht schön aus.',
		author: 4,
		supports: 3
	},
	{
		category: 'Grün',
		type: 'Point',
		at: [[0.62, 0.45]],
		title: 'Mehr Schatten durch Bäume',
		body: 'Im Sommer ist der Platz kaum auszuhalten. Zwei, drei große Bäume in der Mitte würden viel bringen.',
		author: 5,
		supports: 6,
		status: 'in_review'
	},
	{
		category: 'Grün',
		type: 'LineString',
		at: [
			[0.12, 0.28],
			[0.4, 0.28],
			[0.7, 0.28]
		],
		title: 'Baumreihe vor den Häusern',
		body: 'Eine Reihe kleiner Bäume entlang der Häuserzeile würde die Fassaden kühlen.',
		author: 6,
		supports: 2
	},
	{
		category: 'Grün',
		type: 'Point',
		at: [[0.56, 0.56]],
		title: 'Trinkbrunnen für heiße Tage',
		body: 'Ein Trinkwasserbrunnen wäre für Wandernde und Kinder sehr hilfreich.',
		author: 0,
		supports: 5
	},
	{
		category: 'Grün',
		type: 'Polygon',
		at: [
			[0.25, 0.73],
			[0.36, 0.73],
			[0.36, 0.93],
			[0.25, 0.93]
		],
		title: 'Parkplatz teilweise entsiegeln',
		body: 'Wenigstens die Hälfte des Parkplatzes sollte entsiegelt werden, damit Regenwasser versickern kann.',
		author: 1,
		supports: 3
	},
	{
		category: 'Grün',
		type: 'Point',
		at: [[0.78, 0.2]],
		title: 'Insektenhotel an der Kirchmauer',
		body: 'Die sonnige Mauer wäre ein guter Platz für ein Insektenhotel. Die Grundschule würde sicher mitbauen.',
		author: 2,
		supports: 1
	},
	{
		category: 'Grün',
		type: 'Point',
		at: [[0.46, 0.42]],
		title: 'Regenwasser in die Beete leiten',
		body: 'Das Wasser vom Platz läuft in den Kanal. Besser in Baumbeete leiten.',
		author: 3,
		supports: 2
	},
	{
		category: 'Aufenthalt',
		type: 'Point',
		at: [[0.5, 0.517]],
		title: 'Brunnen wieder in Betrieb nehmen',
		body: 'Der Brunnen ist seit Jahren trocken. Mit Wasser wäre der Platz gleich viel lebendiger.',
		author: 4,
		supports: 7,
		status: 'accepted',
		answer:
			'Die Brunnentechnik wird erneuert; der Brunnen soll ab dem Sommer nach dem Umbau wieder laufen.',
		replies: [
			'Bitte mit einer Stelle, an der Kinder spielen dürfen.',
			'Und im Winter abdecken, damit nichts kaputtfriert.'
		]
	},
	{
		category: 'Aufenthalt',
		type: 'Polygon',
		at: [
			[0.44, 0.6],
			[0.56, 0.6],
			[0.58, 0.68],
			[0.42, 0.68]
		],
		title: 'Sitzstufen am Brunnen verbreitern',
		body: 'Auf den Stufen sitzen im Sommer viele Leute. Breitere Stufen mit Holzauflage wären bequemer.',
		author: 5,
		supports: 4,
		status: 'in_review'
	},
	{
		category: 'Aufenthalt',
		type: 'Point',
		at: [[0.36, 0.5]],
		title: 'Bänke mit Rückenlehne',
		body: 'Für ältere Menschen fehlen Bänke mit Lehne und Armlehnen.',
		author: 6,
		supports: 6
	},
	{
		category: 'Aufenthalt',
		type: 'Point',
		at: [[0.66, 0.7]],
		title: 'Spielpunkt für Kleinkinder',
		body: 'Ein kleiner Spielpunkt in Sichtweite der Cafés, kein großer Spielplatz.',
		author: 0,
		supports: 3
	},
	{
		category: 'Aufenthalt',
		type: 'Polygon',
		at: [
			[0.61, 0.8],
			[0.71, 0.8],
			[0.71, 0.89],
			[0.61, 0.89]
		],
		title: 'Fläche für den Wochenmarkt',
		body: 'Der Wochenmarkt braucht eine ebene Fläche mit Strom- und Wasseranschluss.',
		author: 1,
		supports: 2
	},
	{
		category: 'Aufenthalt',
		type: 'Point',
		at: [[0.875, 0.5]],
		title: 'Beleuchtung der Kirchtreppe',
		body: 'Abends ist die Treppe zur Kirche dunkel und rutschig. Eine warme, blendfreie Beleuchtung wäre gut.',
		author: 2,
		supports: 4
	},
	{
		category: 'Aufenthalt',
		type: 'Point',
		at: [[0.2, 0.6]],
		title: 'Öffentliche Toilette',
		body: 'Es gibt keine öffentliche Toilette im Ort. Gerade für Busgruppen ein Problem.',
		author: 3,
		supports: 5,
		status: 'rejected',
		answer:
			'Eine öffentliche Toilette ist im Gemeindezentrum nebenan geplant; auf dem Platz selbst ist dafür kein Raum.'
	},
	{
		category: 'Aufenthalt',
		type: 'LineString',
		at: [
			[0.2, 0.1],
			[0.35, 0.4],
			[0.48, 0.55]
		],
		title: 'Glatter Weg über das Kopfsteinpflaster',
		body: 'Mit Kinderwagen oder Rollstuhl ist das Pflaster kaum zu befahren. Ein glatter Streifen quer über den Platz würde helfen.',
		author: 4,
		supports: 6,
		status: 'in_review',
		replies: ['Ja, aber bitte ohne das historische Pflaster ganz zu ersetzen.']
	},
	{
		category: 'Sonstiges',
		type: 'Point',
		at: [[0.4, 0.3]],
		title: 'Infotafel zur Geschichte',
		body: 'Eine Tafel zur Geschichte von Stadt Blankenberg würde Besucher interessieren.',
		author: 5,
		supports: 2
	},
	{
		category: 'Sonstiges',
		type: 'Point',
		at: [[0.55, 0.36]],
		title: 'Freies WLAN',
		body: 'Freies WLAN auf dem Platz, wie in der Innenstadt von Hennef.',
		author: 6,
		supports: 1
	},
	{
		category: 'Sonstiges',
		type: 'Point',
		at: [[0.6, 0.62]],
		title: 'Mülleimer mit Deckel',
		body: 'Die offenen Körbe werden von Krähen geplündert.',
		author: 0,
		supports: 3
	},
	{
		category: 'Sonstiges',
		type: 'Polygon',
		at: [
			[0.44, 0.74],
			[0.6, 0.74],
			[0.6, 0.9],
			[0.44, 0.9]
		],
		title: 'Platz für den Weihnachtsmarkt freihalten',
		body: 'Bei allen Plänen bitte daran denken, dass der Weihnachtsmarkt Platz für zwanzig Buden braucht.',
		author: 1,
		supports: 4
	},
	{
		category: 'Aufenthalt',
		type: 'Point',
		detail: true,
		at: [[0.5, 0.8]],
		title: 'Handlauf an den Sitzstufen',
		body: 'Zum Hinuntergehen fehlt ein Handlauf in der Mitte der Stufen.',
		author: 2,
		supports: 3
	},
	{
		category: 'Aufenthalt',
		type: 'Polygon',
		detail: true,
		at: [
			[0.42, 0.3],
			[0.58, 0.3],
			[0.58, 0.45],
			[0.42, 0.45]
		],
		title: 'Wasserspiel ebenerdig',
		body: 'Ein ebenerdiges Wasserspiel neben dem Brunnenbecken, in dem Kinder im Sommer spielen können.',
		author: 3,
		supports: 5
	},
	{
		category: 'Grün',
		type: 'Point',
		detail: true,
		at: [[0.3, 0.75]],
		title: 'Schattensegel über den Stufen',
		body: 'Bis die neuen Bäume groß sind, könnten Sonnensegel Schatten spenden.',
		author: 4,
		supports: 2
	}
];
