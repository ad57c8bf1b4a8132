import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/test-app.ts';
import { dcatCatalog } from './open-data.ts';

const config = testConfig({ OPERATOR_NAME: 'Stadt Hennef (Sieg)' });

describe('dcatCatalog', () => {
	it('describes each dataset with DCAT-AP.de terms, GovData licence and two distributions', () => {
		const catalog = dcatCatalog(
			[
				{
					surveyId: 'abc',
					title: 'Mobilität 2026',
					description: 'Ergebnisse der Umfrage',
					consultation: null,
					issued: new Date('2026-11-01T10:00:00Z'),
					modified: new Date('2026-12-01T10:00:00Z'),
					licence: { id: 'CC-BY-4.0', name: 'CC BY 4.0', url: '' }
				}
			],
			config
		);
		expect(catalog['@type']).toBe('dcat:Catalog');
		expect(catalog['dct:publisher']['foaf:name']).toBe('Stadt Hennef (Sieg)');
		const [dataset] = catalog['dcat:dataset'];
		const page = 'http://localhost:4173/umfragen/abc/ergebnisse';
		expect(dataset).toMatchObject({
			'@id': page,
			'@type': 'dcat:Dataset',
			'dct:title': 'Mobilität 2026',
			'dct:issued': { '@value': '2026-11-01T10:00:00.000Z', '@type': 'xsd:dateTime' },
			'dct:modified': { '@value': '2026-12-01T10:00:00.000Z', '@type': 'xsd:dateTime' },
			'dcat:landingPage': { '@id': page }
		});
		expect(dataset!['dcat:distribution'].map((d) => d['dcat:downloadURL']['@id'])).toEqual([
			`${page}.json`,
			`${page}.csv`
		]);
		expect(dataset!['dcat:distribution'][0]).toMatchObject({
			'dct:format': { '@id': 'http://publications.europa.eu/resource/authority/file-type/JSON' },
			'dct:license': { '@id': 'http://dcat-ap.de/def/licenses/cc-by/4.0' },
			'dcatde:licenseAttributionByText':
				'Quelle: Stadt Hennef (Sieg), Creative Commons Namensnennung 4.0 International (CC BY 4.0)'
		});
	});

	it('is an empty catalogue, still valid, when nothing is published', () => {
		expect(dcatCatalog([], config)['dcat:dataset']).toEqual([]);
	});
});
