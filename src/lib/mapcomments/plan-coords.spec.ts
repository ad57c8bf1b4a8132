import { describe, expect, it } from 'vitest';
import {
	boundsToBBox,
	fromLatLng,
	latLngToPixel,
	pixelToLatLng,
	planLatLngBounds,
	toLatLng
} from './plan-coords.ts';
import { clusterBBox, clusterZoom, fromClusterLngLat, toClusterLngLat } from './cluster-space.ts';

describe('plan pixel coordinates in CRS.Simple', () => {
	it('puts the top-left pixel at 0,0 and y downwards at negative lat', () => {
		expect(pixelToLatLng([0, 0])).toEqual([-0, 0]);
		expect(pixelToLatLng([100, 250])).toEqual([-250, 100]);
		expect(latLngToPixel(-250, 100)).toEqual([100, 250]);
		expect(Object.is(latLngToPixel(0, 0)[1], 0)).toBe(true);
	});

	it('spans a plan from its bottom-left to its top-right', () => {
		expect(planLatLngBounds(1000, 800)).toEqual([
			[-800, 0],
			[0, 1000]
		]);
	});

	it('converts view positions both ways on the map and on plans', () => {
		expect(toLatLng([7.33, 50.77], false)).toEqual([50.77, 7.33]);
		expect(fromLatLng(50.77, 7.33, false)).toEqual([7.33, 50.77]);
		expect(fromLatLng(...toLatLng([12, 34], true), true)).toEqual([12, 34]);
	});

	it('turns Leaflet bounds into a view box with the top edge as minY on plans', () => {
		expect(boundsToBBox(-800, 0, -100, 1000, true)).toEqual([0, 100, 1000, 800]);
		expect(boundsToBBox(50.7, 7.3, 50.8, 7.4, false)).toEqual([7.3, 50.7, 7.4, 50.8]);
	});
});

describe('cluster space', () => {
	it('keeps lon/lat on the map', () => {
		expect(toClusterLngLat([7.3, 50.7], false)).toEqual([7.3, 50.7]);
		expect(clusterZoom(15, false)).toBe(15);
	});

	it('round-trips plan pixels through the Mercator square', () => {
		const [x, y] = fromClusterLngLat(toClusterLngLat([640, 480], true), true);
		expect(x).toBeCloseTo(640, 6);
		expect(y).toBeCloseTo(480, 6);
	});

	it('keeps top above bottom in a plan box and shifts the zoom', () => {
		const [west, south, east, north] = clusterBBox([0, 0, 1000, 800], true);
		expect(west).toBeLessThan(east);
		expect(south).toBeLessThan(north);
		expect(clusterZoom(0, true)).toBe(8);
		expect(clusterZoom(-2, true)).toBe(6);
	});
});
