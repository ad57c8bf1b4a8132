// Licences an operator can publish open data under: the ones GovData (the German open-data portal)
// lists for municipal data, with the identifiers of its licence vocabulary so a harvester maps them.
export const LICENCES = {
	'CC-BY-4.0': {
		name: 'Creative Commons Namensnennung 4.0 International (CC BY 4.0)',
		url: 'https://creativecommons.org/licenses/by/4.0/',
		govdata: 'http://dcat-ap.de/def/licenses/cc-by/4.0'
	},
	'CC0-1.0': {
		name: 'Creative Commons Zero 1.0 (CC0 1.0)',
		url: 'https://creativecommons.org/publicdomain/zero/1.0/',
		govdata: 'http://dcat-ap.de/def/licenses/cc-zero'
	},
	'DL-DE-BY-2.0': {
		name: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
		url: 'https://www.govdata.de/dl-de/by-2-0',
		govdata: 'http://dcat-ap.de/def/licenses/dl-by-de/2.0'
	},
	'DL-DE-ZERO-2.0': {
		name: 'Datenlizenz Deutschland – Zero – Version 2.0',
		url: 'https://www.govdata.de/dl-de/zero-2-0',
		govdata: 'http://dcat-ap.de/def/licenses/dl-zero-de/2.0'
	}
} as const;

export type LicenceId = keyof typeof LICENCES;
export const LICENCE_IDS = Object.keys(LICENCES) as LicenceId[];
