import type { Db } from '../db/index.ts';
import type { AreaPolygon } from '../../mapcomments/types.ts';

/**
 * The areas of interest of every stage that shows the base map, whatever its status (a planner
 * previews a draft). null when one of them has no area yet: its planner is still looking for the
 * place, so any tile may be needed.
 */
export async function baseMapAreas(db: Db): Promise<AreaPolygon[] | null> {
	const rows = await db
		.selectFrom('map_stages')
		.select('area_of_interest')
		.where('base_map', '=', true)
		.execute();
	const areas = rows.map((r) => r.area_of_interest);
	return areas.every((a) => a !== null) ? areas : null;
}
