import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A local OParl endpoint for import tests: node:http on 127.0.0.1 at a random port, serving
// JSON by path. Tests replace single paths with hostile answers (slow, broken, huge, looping).

export type Route =
	| { json: unknown }
	| { status: number; headers?: Record<string, string>; body?: string | Buffer }
	| { hang: true; partial?: string };

export interface FixtureServer {
	base: string;
	set(path: string, route: Route): void;
	/** Paths requested so far, in order. */
	requests: string[];
	close(): Promise<void>;
}

export async function startOparlFixture(
	build: (base: string) => Record<string, unknown>
): Promise<FixtureServer> {
	const routes = new Map<string, Route>();
	const requests: string[] = [];
	const hanging = new Set<http.ServerResponse>();
	const server = http.createServer((req, res) => {
		const path = req.url ?? '/';
		requests.push(path);
		const route = routes.get(path);
		if (!route) {
			res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
		} else if ('hang' in route) {
			// Either no answer at all, or headers and the start of a body that never ends.
			if (route.partial !== undefined) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.write(route.partial);
			}
			hanging.add(res);
		} else if ('json' in route) {
			res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify(route.json));
		} else {
			res.writeHead(route.status, route.headers ?? {}).end(route.body ?? '');
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	for (const [path, json] of Object.entries(build(base))) routes.set(path, { json });
	return {
		base,
		requests,
		set: (path, route) => routes.set(path, route),
		close: async () => {
			for (const res of hanging) res.destroy();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}

const T = 'https://schema.oparl.org/1.1/';

function page(base: string, data: unknown[], next?: string) {
	return {
		data,
		pagination: { elementsPerPage: 2 },
		links: next ? { next: `${base}${next}` } : {}
	};
}

/**
 * A small council information system: a System, one Body, lists on two pages, a Fraktion (not a
 * committee), an invalid person, a non-public agenda item with a file, and a Paper linked to an
 * agenda item. `changed` is the same system a while later: renamed, deleted and removed objects.
 */
export function councilSource(changed = false) {
	return (base: string): Record<string, unknown> => {
		const o = (path: string) => `${base}/oparl/${path}`;
		const stamp = { created: '2026-01-01T10:00:00+01:00', modified: '2026-01-02T10:00:00+01:00' };
		const file = (id: string, name: string) => ({
			id: o(`file/${id}`),
			type: `${T}File`,
			name,
			accessUrl: `https://ris.example/dokumente/${id}.pdf`,
			...stamp
		});
		const items = [
			{
				id: o('agendaitem/1'),
				type: `${T}AgendaItem`,
				number: 'Ö 1',
				order: 1,
				name: changed ? 'Eröffnung und Begrüßung' : 'Eröffnung',
				public: true,
				auxiliaryFile: [file('einladung', 'Einladung')],
				...stamp
			},
			{
				id: o('agendaitem/2'),
				type: `${T}AgendaItem`,
				number: 'N 2',
				order: 2,
				name: 'Grundstücksangelegenheit',
				public: false,
				auxiliaryFile: [file('kaufvertrag', 'Kaufvertrag')],
				...stamp
			},
			...(changed
				? []
				: [
						{
							id: o('agendaitem/3'),
							type: `${T}AgendaItem`,
							number: 'Ö 3',
							order: 3,
							name: 'Radverkehrskonzept',
							public: true,
							...stamp
						}
					])
		];
		const meeting1 = {
			id: o('meeting/1'),
			type: `${T}Meeting`,
			name: '12. Sitzung des Rates',
			start: '2026-09-10T17:00:00+02:00',
			end: '2026-09-10T20:00:00+02:00',
			organization: [o('organization/rat')],
			agendaItem: items,
			...stamp
		};
		const meeting2 = changed
			? { id: o('meeting/2'), type: `${T}Meeting`, deleted: true, ...stamp }
			: {
					id: o('meeting/2'),
					type: `${T}Meeting`,
					name: 'Ausschuss für Umwelt',
					start: '2027-02-01T18:00:00+01:00',
					location: {
						id: o('location/1'),
						type: `${T}Location`,
						description: 'Rathaus, Raum 1.05'
					},
					organization: [o('organization/umwelt')],
					agendaItem: [],
					...stamp
				};
		const bernd = changed
			? { id: o('person/bernd'), type: `${T}Person`, deleted: true, ...stamp }
			: {
					id: o('person/bernd'),
					type: `${T}Person`,
					name: 'Dr. Bernd Meier',
					givenName: 'Bernd',
					familyName: 'Meier',
					title: ['Dr.'],
					...stamp
				};
		return {
			'/oparl': {
				id: o(''),
				type: `${T}System`,
				oparlVersion: T,
				body: o('bodies'),
				...stamp
			},
			'/oparl/bodies': page(base, [
				{
					id: o('body/1'),
					type: `${T}Body`,
					name: 'Stadt Beispiel',
					organization: o('organizations'),
					person: o('persons'),
					meeting: o('meetings'),
					paper: o('papers'),
					membership: o('memberships'),
					legislativeTermList: o('terms'),
					legislativeTerm: [],
					...stamp
				}
			]),
			'/oparl/organizations': page(
				base,
				[
					{
						id: o('organization/rat'),
						type: `${T}Organization`,
						name: changed ? 'Rat der Stadt Beispiel' : 'Rat',
						organizationType: 'Gremium',
						classification: 'Rat',
						...stamp
					},
					{
						id: o('organization/fraktion'),
						type: `${T}Organization`,
						name: 'Fraktion der Beispielpartei',
						organizationType: 'Fraktion',
						...stamp
					}
				],
				'/oparl/organizations?page=2'
			),
			'/oparl/organizations?page=2': page(base, [
				{
					id: o('organization/umwelt'),
					type: `${T}Organization`,
					name: 'Ausschuss für Umwelt',
					shortName: 'UA',
					organizationType: 'Gremium',
					classification: 'Ausschuss',
					startDate: '2025-11-01',
					...stamp
				}
			]),
			'/oparl/persons': page(
				base,
				[{ id: o('person/anna'), type: `${T}Person`, name: 'Anna Schmidt', ...stamp }],
				'/oparl/persons?page=2'
			),
			'/oparl/persons?page=2': page(base, [
				bernd,
				{ id: o('person/kaputt'), type: `${T}Person`, name: 42, ...stamp }
			]),
			'/oparl/memberships': page(base, [
				{
					id: o('membership/1'),
					type: `${T}Membership`,
					person: o('person/anna'),
					organization: o('organization/rat'),
					role: 'Mitglied',
					votingRight: true,
					startDate: '2025-11-01',
					...stamp
				},
				{
					id: o('membership/2'),
					type: `${T}Membership`,
					person: o('person/anna'),
					organization: o('organization/fraktion'),
					...stamp
				}
			]),
			'/oparl/terms': page(base, [
				{
					id: o('term/1'),
					type: `${T}LegislativeTerm`,
					name: 'Wahlperiode 2025–2030',
					startDate: '2025-11-01',
					endDate: '2030-10-31',
					...stamp
				}
			]),
			'/oparl/meetings': page(base, [meeting1], '/oparl/meetings?page=2'),
			'/oparl/meetings?page=2': page(base, [meeting2]),
			'/oparl/papers': page(base, [
				{
					id: o('paper/0815'),
					type: `${T}Paper`,
					name: 'Radverkehrskonzept 2030',
					reference: 'V/2026/0815',
					mainFile: file('v0815', 'Vorlage'),
					consultation: [
						{ id: o('consultation/1'), type: `${T}Consultation`, agendaItem: o('agendaitem/3') }
					],
					...stamp
				}
			])
		};
	};
}
