/** Addresses of our OParl 1.1 API. Every id is an absolute URL (OParl: the id is the object's URL). */

export const OPARL_SCHEMA = 'https://schema.oparl.org/1.1/';

/** List names as they appear in URLs under /oparl/v1/. */
export const OPARL_LISTS = [
	'bodies',
	'organizations',
	'persons',
	'memberships',
	'legislative-terms',
	'meetings',
	'agenda-items',
	'files',
	'locations',
	'papers',
	'consultations'
] as const;
export type OparlList = (typeof OPARL_LISTS)[number];

export function isOparlList(value: string): value is OparlList {
	return (OPARL_LISTS as readonly string[]).includes(value);
}

/** The one Body: the town itself. */
export const BODY_ID = '1';

export interface OparlSite {
	origin: string;
	siteName: string;
	operatorName: string;
	operatorEmail: string;
}

export function oparlUrls(origin: string) {
	const base = `${origin}/oparl/v1`;
	return {
		system: base,
		list: (list: OparlList) => `${base}/${list}`,
		object: (list: OparlList, id: string) => `${base}/${list}/${id}`,
		body: `${base}/bodies/${BODY_ID}`,
		/** Access URL of a File: the real file, or HTTP 410 once it is deleted. */
		fileAccess: (id: string) => `${base}/files/${id}/zugriff`,
		meetingPage: (id: string) => `${origin}/sitzungen/${id}`,
		masterPlaylist: (recordingId: string) =>
			`${origin}/medien/aufzeichnungen/${recordingId}/master.m3u8`,
		uploadedFile: (fileId: string) => `${origin}/dateien/${fileId}`
	};
}
export type OparlUrls = ReturnType<typeof oparlUrls>;
