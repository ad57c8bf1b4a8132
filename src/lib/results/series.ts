// One row of numbers per question result, so a chart split by segments can draw one group of bars
// per category and one bar per segment. Matrix results are two-dimensional already: they have no
// single series and are drawn once per segment instead.
import { percentValue } from './cell-format.ts';
import type { QuestionResult } from './types.ts';

export interface ResultSeries {
	labels: string[];
	values: (number | null)[];
	/** Values are percentages (0-100); otherwise plain numbers (budget averages). */
	percent: boolean;
}

export function resultSeries(r: QuestionResult): ResultSeries | null {
	switch (r.kind) {
		case 'choice':
			return shares(r.options.map((o) => [o.label, o.share]));
		case 'ranking':
			return shares(r.options.map((o) => [o.label, o.firstPlace.share]));
		case 'numeric':
			return shares(r.histogram.map((b) => [b.label, b.cell.share]));
		case 'text':
			return r.themes.length ? shares(r.themes.map((t) => [t.label, t.share])) : null;
		case 'budget':
			return {
				labels: r.options.map((o) => o.label),
				values: r.options.map((o) => o.average),
				percent: false
			};
		case 'matrix':
			return null;
	}
}

function shares(pairs: [string, number | null][]): ResultSeries {
	return {
		labels: pairs.map(([label]) => label),
		values: pairs.map(([, share]) => percentValue(share)),
		percent: true
	};
}
