// How a splitting or filtering question (and matrix row) is named in the dashboard's address and
// form fields, shared by the server's parser and the filter form: "<question id>" or
// "<question id>.<row id>".
import type { SegmentRef } from './types.ts';

export function segmentKey(ref: SegmentRef): string {
	return ref.rowId ? `${ref.questionId}.${ref.rowId}` : ref.questionId;
}

export function sameRef(a: SegmentRef, b: SegmentRef | null | undefined): boolean {
	return !!b && a.questionId === b.questionId && (a.rowId ?? null) === (b.rowId ?? null);
}
