import { format, type Messages } from '../i18n/index.ts';
import type { DrawingEvent } from './drawing.ts';
import type { GeometryType } from './types.ts';

/** What the live region says after a drawing step ("Eckpunkt 3 gesetzt."). */
export function describeDrawingEvent(e: DrawingEvent, type: GeometryType, m: Messages): string {
	switch (e.kind) {
		case 'pointSet':
			return m.mvLivePointSet;
		case 'vertexAdded':
			return format(m.mvLiveVertex, { n: e.count });
		case 'vertexRemoved':
			return format(m.mvLiveRemoved, { n: e.count });
		case 'finished':
			return format(type === 'Polygon' ? m.mvLiveFinishedArea : m.mvLiveFinishedLine, {
				n: e.count
			});
		case 'needMore':
			return format(m.mvLiveNeedMore, { min: e.min });
		case 'tooMany':
			return m.mvLiveTooMany;
		case 'cancelled':
			return m.mvLiveCancelled;
	}
}
