import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { DatasetEntry } from '../../results/publication.ts';
import { listPublished } from './publications.repository.ts';
import { attributionText, licenceRef, resultAddresses } from './published-results.ts';

// The open-data index and its DCAT-AP.de catalogue (the profile GovData harvests): one
// dcat:Dataset per published survey, with the page as landing page and JSON and CSV as
// distributions. Licences use GovData's licence vocabulary, formats the EU file-type authority.

/** Published (not withdrawn) results, newest update first. */
export async function listDatasets(db: Db): Promise<DatasetEntry[]> {
	const rows = await listPublished(db);
	return rows.map((r) => {
		const { id, name, url } = licenceRef(r.licence);
		return {
			surveyId: r.surveyId,
			title: r.title,
			description: r.description,
			consultation:
				r.consultationTitle && r.consultationSlug
					? { title: r.consultationTitle, slug: r.consultationSlug }
					: null,
			issued: r.issued,
			modified: r.modified,
			licence: { id, name, url }
		};
	});
}

const CONTEXT = {
	dcat: 'http://www.w3.org/ns/dcat#',
	dct: 'http://purl.org/dc/terms/',
	dcatde: 'http://dcat-ap.de/def/dcatde/',
	foaf: 'http://xmlns.com/foaf/0.1/',
	xsd: 'http://www.w3.org/2001/XMLSchema#'
};

const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
// "Government and public sector": participation results of a municipality.
const THEME_GOVERNMENT = 'http://publications.europa.eu/resource/authority/data-theme/GOVE';
const GERMAN = 'http://publications.europa.eu/resource/authority/language/DEU';

const dateTime = (d: Date) => ({ '@value': d.toISOString(), '@type': 'xsd:dateTime' });
const ref = (iri: string) => ({ '@id': iri });

function distribution(
	url: string,
	format: 'JSON' | 'CSV',
	mediaType: string,
	licence: ReturnType<typeof licenceRef>,
	attribution: string
) {
	return {
		'@id': url,
		'@type': 'dcat:Distribution',
		'dct:title': format === 'JSON' ? 'Ergebnisse (JSON)' : 'Ergebnisse (CSV)',
		'dcat:accessURL': ref(url),
		'dcat:downloadURL': ref(url),
		'dct:format': ref(`${FILE_TYPE}${format}`),
		'dcat:mediaType': mediaType,
		'dct:license': ref(licence.govdata ?? licence.url),
		'dcatde:licenseAttributionByText': attribution
	};
}

function dataset(d: DatasetEntry, origin: string, publisher: object, operator: string) {
	const urls = resultAddresses(origin, d.surveyId);
	const licence = licenceRef(d.licence.id);
	const attribution = attributionText(operator, licence);
	return {
		'@id': urls.html,
		'@type': 'dcat:Dataset',
		'dct:identifier': urls.html,
		'dct:title': d.title,
		'dct:description': d.description || d.title,
		'dct:issued': dateTime(d.issued),
		'dct:modified': dateTime(d.modified),
		'dct:publisher': publisher,
		'dct:language': ref(GERMAN),
		'dcat:landingPage': ref(urls.html),
		'dcat:theme': ref(THEME_GOVERNMENT),
		'dcat:keyword': ['Bürgerbeteiligung', 'Umfrage'],
		'dcat:distribution': [
			distribution(urls.json, 'JSON', 'application/json', licence, attribution),
			distribution(urls.csv, 'CSV', 'text/csv', licence, attribution)
		]
	};
}

/** The DCAT-AP.de catalogue as JSON-LD, listing exactly the given datasets. */
export function dcatCatalog(datasets: DatasetEntry[], config: Config) {
	const { origin, site } = config;
	const publisher = { '@type': 'foaf:Agent', 'foaf:name': site.operatorName };
	return {
		'@context': CONTEXT,
		'@id': `${origin}/offene-daten/katalog.jsonld`,
		'@type': 'dcat:Catalog',
		'dct:title': `${site.name}: Offene Daten`,
		'dct:description': `Veröffentlichte Ergebnisse von Umfragen und Beteiligungsverfahren (${site.operatorName}).`,
		'dct:publisher': publisher,
		'dct:language': ref(GERMAN),
		'foaf:homepage': ref(`${origin}/offene-daten`),
		'dcat:dataset': datasets.map((d) => dataset(d, origin, publisher, site.operatorName))
	};
}
