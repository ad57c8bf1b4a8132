import type { RequestHandler } from './$types';
import { config } from '$lib/server/config.ts';
import { log } from '$lib/server/log.ts';
import { TILE_MESSAGES, tileProxyFor, tileResponse } from '$lib/server/mapcomments/tiles.ts';

// Base-map tiles from our own origin (the map's Leaflet layer asks here, never the tile server).
export const GET: RequestHandler = async ({ params, request, getClientAddress }) => {
	const proxy = tileProxyFor(config(), log);
	const answer = proxy
		? await proxy.get(params, getClientAddress())
		: ({ kind: 'error', status: 404, message: TILE_MESSAGES.notConfigured } as const);
	return tileResponse(answer, request.headers.get('if-none-match'));
};
