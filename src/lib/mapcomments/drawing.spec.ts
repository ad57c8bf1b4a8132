import { describe, expect, it } from 'vitest';
import {
	addVertex,
	cancelDrawing,
	drawingGeometry,
	finishDrawing,
	startDrawing,
	undoVertex,
	type Drawing
} from './drawing.ts';
import { COMMENT_LIMITS, type Position } from './types.ts';
import { describeDrawingEvent } from './drawing-words.ts';
import { messages } from '../i18n/index.ts';

function add(d: Drawing, ...ps: Position[]): Drawing {
	for (const p of ps) d = addVertex(d, p)[0];
	return d;
}

describe('drawing', () => {
	it('sets and replaces a point, complete at once', () => {
		const [first, e] = addVertex(startDrawing('Point'), [7.331, 50.771]);
		expect(e).toEqual({ kind: 'pointSet' });
		const [d] = addVertex(first, [7.332, 50.772]);
		expect(drawingGeometry(d)).toEqual({ type: 'Point', coordinates: [7.332, 50.772] });
	});

	it('builds an area vertex by vertex and closes its ring when finished', () => {
		const d = add(startDrawing('Polygon'), [0, 0], [1, 0]);
		expect(finishDrawing(d)[1]).toEqual({ kind: 'needMore', min: 3 });
		expect(drawingGeometry(d)).toBeNull();
		const [d3, e3] = addVertex(d, [1, 1]);
		expect(e3).toEqual({ kind: 'vertexAdded', count: 3 });
		const [done, e] = finishDrawing(d3);
		expect(e).toEqual({ kind: 'finished', count: 3 });
		expect(drawingGeometry(done)).toEqual({
			type: 'Polygon',
			coordinates: [
				[
					[0, 0],
					[1, 0],
					[1, 1],
					[0, 0]
				]
			]
		});
	});

	it('ignores the second click of a double click on the same spot', () => {
		const d = add(startDrawing('LineString'), [0, 0], [1, 1]);
		const [same, e] = addVertex(d, [1, 1]);
		expect(same.vertices).toHaveLength(2);
		expect(e).toEqual({ kind: 'vertexAdded', count: 2 });
	});

	it('undoes the last vertex and reopens a finished shape', () => {
		const done = finishDrawing(add(startDrawing('LineString'), [0, 0], [1, 1]))[0];
		const [d, e] = undoVertex(done);
		expect(e).toEqual({ kind: 'vertexRemoved', count: 1 });
		expect(d.done).toBe(false);
		expect(drawingGeometry(d)).toBeNull();
	});

	it('starts a new shape when a finished one gets another vertex', () => {
		const done = finishDrawing(add(startDrawing('LineString'), [0, 0], [1, 1]))[0];
		expect(addVertex(done, [5, 5])[0].vertices).toEqual([[5, 5]]);
	});

	it('cancels to an empty drawing of the same type', () => {
		const [d, e] = cancelDrawing(add(startDrawing('Polygon'), [0, 0], [1, 0]));
		expect(e).toEqual({ kind: 'cancelled' });
		expect(d).toEqual(startDrawing('Polygon'));
	});

	it('stops at the vertex limit', () => {
		let d = startDrawing('Polygon');
		for (let i = 0; i < COMMENT_LIMITS.vertices - 1; i++) d = addVertex(d, [i, i % 2])[0];
		const [same, e] = addVertex(d, [999, 999]);
		expect(e).toEqual({ kind: 'tooMany' });
		expect(same.vertices).toHaveLength(COMMENT_LIMITS.vertices - 1);
	});

	it('rounds to seven decimals', () => {
		const d = addVertex(startDrawing('Point'), [7.123456789, 50.000000049])[0];
		expect(drawingGeometry(d)).toEqual({ type: 'Point', coordinates: [7.1234568, 50] });
	});
});

describe('describeDrawingEvent', () => {
	const m = messages('de');
	it('says what happened, in German', () => {
		expect(describeDrawingEvent({ kind: 'vertexAdded', count: 3 }, 'Polygon', m)).toBe(
			'Eckpunkt 3 gesetzt.'
		);
		expect(describeDrawingEvent({ kind: 'finished', count: 4 }, 'Polygon', m)).toBe(
			'Fläche mit 4 Eckpunkten abgeschlossen.'
		);
		expect(describeDrawingEvent({ kind: 'finished', count: 2 }, 'LineString', m)).toBe(
			'Linie mit 2 Punkten abgeschlossen.'
		);
		expect(describeDrawingEvent({ kind: 'needMore', min: 3 }, 'Polygon', m)).toBe(
			'Dafür fehlen noch Punkte: mindestens 3.'
		);
	});
});
