import type { RequestHandler } from './$types';
import { appContext } from '$lib/server/app.ts';
import { config } from '$lib/server/config.ts';
import { log } from '$lib/server/log.ts';
import {
	baseMapExtents,
	TILE_MESSAGES,
	tileProxyFor,
	tileResponse
} from '$lib/server/mapcomments/tiles.ts';

const extents = async () => baseMapExtents((await appContext()).db);

// Base-map tiles from our own origin (the map's Leaflet layer asks here, never the tile server).
export const GET: RequestHandler = async ({ params, request, getClientAddress }) => {
	const proxy = tileProxyFor(config(), log, extents);
	const answer = proxy
		? await proxy.get(params, getClientAddress())
		: ({ kind: 'error', status: 404, message: TILE_MESSAGES.notConfigured } as const);
	return tileResponse(answer, request.headers.get('if-none-match'));
};
