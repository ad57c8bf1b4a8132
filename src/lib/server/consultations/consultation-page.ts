import type {
	Consultation,
	ConsultationDocument,
	FeedbackEntry,
	Phase,
	Stage
} from '../../consultations/types.ts';
import type { Db } from '../db/index.ts';
import { listDocuments } from './documents.repository.ts';
import { listFeedback } from './feedback.repository.ts';
import { listPhases } from './phases.repository.ts';
import { berlinToday, currentStage } from './phases.ts';

export interface ConsultationDetails {
	consultation: Consultation;
	phases: Phase[];
	stage: Stage | null;
	today: string;
	documents: ConsultationDocument[];
	feedback: FeedbackEntry[];
}

/** Everything the public page and the planners' edit page show about one consultation. */
export async function loadConsultationDetails(
	db: Db,
	consultation: Consultation,
	now: Date = new Date()
): Promise<ConsultationDetails> {
	const today = berlinToday(now);
	const [phases, documents, feedback] = await Promise.all([
		listPhases(db, consultation.id),
		listDocuments(db, consultation.id),
		listFeedback(db, consultation.id)
	]);
	return {
		consultation,
		phases,
		stage: currentStage(consultation.status, phases, today),
		today,
		documents,
		feedback
	};
}

export type PublicConsultationDetails = Omit<ConsultationDetails, 'consultation' | 'feedback'> & {
	consultation: Omit<Consultation, 'bodyMd'>;
	feedback: Omit<FeedbackEntry, 'bodyMd'>[];
};

/** For the public page: the rendered HTML only, not the Markdown source a second time. */
export function publicDetails(details: ConsultationDetails): PublicConsultationDetails {
	const { bodyMd: _body, ...consultation } = details.consultation;
	return {
		...details,
		consultation,
		feedback: details.feedback.map(({ bodyMd: _md, ...entry }) => entry)
	};
}
