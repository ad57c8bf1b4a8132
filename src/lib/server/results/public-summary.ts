import type {
	BudgetResult,
	ChoiceResult,
	MatrixResult,
	NumericResult,
	QuestionResult,
	RankingResult
} from '../../results/types.ts';

// One German sentence per published chart, for screen readers, print and the open data. Written
// only from suppressed numbers, so it can never say more than the table beside it.

const number = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 0 });

const people = (n: number) => `${number.format(n)} ${n === 1 ? 'Person' : 'Personen'}`;

/** The entry with the largest non-null value, or undefined when all are suppressed. */
function largest<T>(items: T[], value: (item: T) => number | null): T | undefined {
	let best: T | undefined;
	for (const item of items) {
		const v = value(item);
		if (v !== null && (best === undefined || v > value(best)!)) best = item;
	}
	return best;
}

function choice(q: ChoiceResult, n: number): string {
	const top = largest(q.options, (o) => o.count);
	if (!top || top.share === null) return `${people(n)} haben geantwortet.`;
	const most = `am häufigsten „${top.label}“ (${percent.format(top.share)} der Antwortenden)`;
	return `${people(n)} haben geantwortet, ${most}.`;
}

function matrix(q: MatrixResult, n: number): string {
	return `${people(n)} haben ${q.rows.length} ${q.rows.length === 1 ? 'Aussage' : 'Aussagen'} bewertet; die Balken zeigen je Aussage die Anteile der Antworten.`;
}

function ranking(q: RankingResult, n: number): string {
	const top = q.options.find((o) => o.averageRank !== null);
	if (!top) return `${people(n)} haben eine Rangfolge gebildet.`;
	const rank = number.format(top.averageRank!);
	return `${people(n)} haben eine Rangfolge gebildet; vorn liegt „${top.label}“ mit dem mittleren Rang ${rank}.`;
}

function numeric(q: NumericResult, n: number): string {
	if (q.mean === null || q.median === null) return `${people(n)} haben eine Zahl angegeben.`;
	const unit = q.unit ? ` ${q.unit}` : '';
	return `${people(n)} haben geantwortet: Mittelwert ${number.format(q.mean)}${unit}, Median ${number.format(q.median)}${unit}.`;
}

function budget(q: BudgetResult, n: number): string {
	const top = largest(q.options, (o) => o.share);
	if (!top || top.share === null) return `${people(n)} haben das Budget verteilt.`;
	return `${people(n)} haben das Budget verteilt; den größten Anteil erhielt „${top.label}“ (${percent.format(top.share)}).`;
}

export function publicSummary(q: QuestionResult, k: number): string {
	const n = q.respondents;
	if (n === null || n === 0) {
		return n === 0
			? 'Zu dieser Frage liegen keine Antworten vor.'
			: `Weniger als ${k} Antworten: zum Schutz der Teilnehmenden ausgeblendet.`;
	}
	switch (q.kind) {
		case 'choice':
			return choice(q, n);
		case 'matrix':
			return matrix(q, n);
		case 'ranking':
			return ranking(q, n);
		case 'numeric':
			return numeric(q, n);
		case 'budget':
			return budget(q, n);
		case 'text':
			return `${people(n)} haben einen Text geschrieben; Freitexte werden nicht veröffentlicht.`;
	}
}
