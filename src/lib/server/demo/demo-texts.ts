import type { ConsultationLocation, PhaseKind } from '../../consultations/types.ts';
import type { ConsultationBasics } from '../consultations/consultations.repository.ts';

// Texts of Hennef's demo consultations. Invented for the demo, written the way a Fachamt would.

export interface DemoConsultation {
	basics: Omit<ConsultationBasics, 'bodyHtml' | 'location'>;
	location: ConsultationLocation | null;
	coverAlt: string;
	phaseDescriptions: Record<PhaseKind, string>;
	document: { title: string; fileName: string; lines: string[] };
	feedback: { title: string; bodyMd: string };
}

export const MOBILITY: DemoConsultation = {
	basics: {
		title: 'Masterplan Mobilität',
		slug: 'masterplan-mobilitaet',
		summary:
			'Wie bewegen wir uns 2040 durch Hennef? Der Masterplan Mobilität ordnet Radwege, Bus und Bahn, Fußwege und das Parken neu. Sagen Sie uns, wo es heute hakt und was sich ändern soll.',
		bodyMd: `Hennef wächst, und mit der Stadt wächst der Verkehr. Viele Wege zwischen den Ortsteilen, zum
Bahnhof und in die Innenstadt werden heute mit dem Auto zurückgelegt, auch wenn sie kürzer als
fünf Kilometer sind. Der **Masterplan Mobilität** soll zeigen, wie sich das ändern lässt, ohne
jemanden abzuhängen.

## Worum es geht

- **Radwege:** ein zusammenhängendes Netz zwischen Zentrum, Geistingen, Uckerath und den
  Dörfern im Stadtgebiet, mit sicheren Querungen und Abstellanlagen am Bahnhof.
- **Bus und Bahn:** dichtere Takte der Buslinien, bessere Umstiege am Bahnhof Hennef und ein
  Rufbus für die Abendstunden.
- **Parken:** weniger Suchverkehr in der Innenstadt, Parken am Rand mit guten Fußwegen, Plätze
  für Lieferverkehr und Menschen mit Behinderung.
- **Zu Fuß:** breitere Gehwege, abgesenkte Bordsteine und sichere Schulwege.

## So können Sie mitmachen

In der Beteiligungsphase können Sie Hinweise geben, Umfragen beantworten und an den
Bürgerwerkstätten im Rathaus teilnehmen. Alle Beiträge werden ausgewertet; was daraus geworden
ist, lesen Sie später hier unter „Rückmeldung“.

Mehr zum Verfahren: [Stadt Hennef](https://www.hennef.de).`,
		office: 'Amt für Stadtplanung und Mobilität',
		contactName: 'Frau Demo-Beispiel',
		contactEmail: 'mobilitaet@hennef.de',
		contactPhone: '02242 888-0',
		topics: ['Verkehr', 'Radverkehr', 'ÖPNV']
	},
	// Roughly the centre of Hennef, from the railway station to the Siegbogen.
	location: {
		type: 'Polygon',
		coordinates: [
			[
				[7.2705, 50.7705],
				[7.2995, 50.7705],
				[7.2995, 50.7855],
				[7.2705, 50.7855],
				[7.2705, 50.7705]
			]
		]
	},
	coverAlt:
		'Zeichnung einer Straße mit Radweg, einem Bus an der Haltestelle und Bäumen am Straßenrand.',
	phaseDescriptions: {
		information: 'Auftaktveranstaltung im Rathaus und Bestandsanalyse.',
		participation: 'Online-Hinweise, Umfrage und zwei Bürgerwerkstätten.',
		evaluation: 'Das Planungsbüro wertet alle Beiträge aus und entwirft Maßnahmen.',
		feedback: 'Vorstellung der Ergebnisse im Ausschuss für Stadtentwicklung.'
	},
	document: {
		title: 'Bestandsanalyse Mobilität (Kurzfassung)',
		fileName: 'bestandsanalyse-mobilitaet.pdf',
		lines: [
			'Masterplan Mobilität Hennef',
			'Bestandsanalyse – Kurzfassung (Demo)',
			'',
			'1. Radwege: Lücken im Netz zwischen Zentrum und Ortsteilen.',
			'2. Bus: Takt am Abend und am Wochenende zu dünn.',
			'3. Parken: Suchverkehr in der Innenstadt.'
		]
	},
	feedback: {
		title: 'Auswertung der Auftaktveranstaltung',
		bodyMd: `Zur Auftaktveranstaltung kamen rund 120 Hennefer*innen. Die meisten Hinweise betrafen
**Radwege** (sichere Verbindung nach Uckerath) und den **Busverkehr** am Abend.

Diese Punkte nimmt das Planungsbüro in die Umfrage der Beteiligungsphase auf.`
	}
};

export const MARKET_SQUARE: DemoConsultation = {
	basics: {
		title: 'Marktplatz Stadt Blankenberg',
		slug: 'marktplatz-stadt-blankenberg',
		summary:
			'Der historische Marktplatz in Stadt Blankenberg soll neu gestaltet werden: mehr Aufenthaltsqualität, ein barrierefreier Zugang und Respekt vor dem Denkmal.',
		bodyMd: `Stadt Blankenberg ist mit seiner Burg, der Stadtmauer und den Fachwerkhäusern ein
Denkmalbereich. Der Marktplatz ist Treffpunkt für Einheimische und Ausflugsziel, aber heute vor
allem Parkfläche.

## Ziele der Neugestaltung

1. Ein Platz zum Verweilen mit Bänken und Schatten.
2. Barrierefreie Wege über das historische Pflaster.
3. Parken neu ordnen, ohne die Gastronomie und den Wochenmarkt zu schwächen.
4. Die Denkmalpflege von Anfang an beteiligen.

Die Entwürfe entstehen gemeinsam mit dem LVR-Amt für Denkmalpflege im Rheinland.`,
		office: 'Amt für Stadtplanung, Denkmalschutz',
		contactName: 'Herr Demo-Muster',
		contactEmail: 'stadtplanung@hennef.de',
		contactPhone: '02242 888-0',
		topics: ['Stadtgestaltung', 'Denkmalschutz']
	},
	location: { type: 'Point', coordinates: [7.3357, 50.7753] },
	coverAlt:
		'Zeichnung eines Marktplatzes mit Fachwerkhäusern, einem Kirchturm und einem Baum in der Mitte.',
	phaseDescriptions: {
		information: 'Ortsbegehung mit Denkmalpflege und Anwohnenden.',
		participation: 'Drei Entwurfsvarianten standen zur Diskussion.',
		evaluation: 'Die Rückmeldungen zu den Varianten werden ausgewertet.',
		feedback: 'Der Rat entscheidet über die Vorzugsvariante.'
	},
	document: {
		title: 'Entwurfsvarianten Marktplatz',
		fileName: 'entwurfsvarianten-marktplatz.pdf',
		lines: [
			'Marktplatz Stadt Blankenberg',
			'Entwurfsvarianten (Demo)',
			'',
			'Variante A: Platz ohne Parken, Bäume und Bänke.',
			'Variante B: Parken am Rand, Mitte frei.',
			'Variante C: Bestand mit neuem Pflaster.'
		]
	},
	feedback: {
		title: 'Erste Ergebnisse der Auswertung',
		bodyMd: `Zu den drei Varianten gingen 214 Beiträge ein. Eine deutliche Mehrheit wünscht sich
**Variante B**: Parken am Rand und eine freie Platzmitte.

Als Nächstes prüft die Denkmalpflege, welches Pflaster barrierefrei und denkmalgerecht ist.`
	}
};
