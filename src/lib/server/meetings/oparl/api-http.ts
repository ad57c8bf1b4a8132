import type { Config } from '../../config.ts';
import type { OparlResult } from './api.ts';
import type { OparlSite } from './api-urls.ts';

export function oparlSite(config: Config): OparlSite {
	return {
		origin: config.origin,
		siteName: config.site.name,
		operatorName: config.site.operatorName,
		operatorEmail: config.site.operatorEmail
	};
}

/**
 * OParl answers are public open data: any site may read them (CORS, OParl 1.1 chapter
 * "Cross-Origin Resource Sharing"), and shared caches may keep them for a minute.
 */
export const OPARL_HEADERS = {
	'content-type': 'application/json; charset=utf-8',
	'access-control-allow-origin': '*',
	'cache-control': 'public, max-age=60'
};

export function oparlResponse(result: OparlResult): Response {
	return new Response(JSON.stringify(result.body), {
		status: result.status,
		headers: OPARL_HEADERS
	});
}
