import { z } from 'zod';
import { COMMENT_LIMITS, COMMENT_STATUSES } from '../../mapcomments/types.ts';
import { optionalPlain, plainText } from './forms.ts';

// Schemas of the forms on a comment's page and in the moderation queue. Messages are message
// keys (see http/forms.ts).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which contribution a report or a moderator's action is about. */
const target = {
	targetKind: z.enum(['comment', 'reply'], { error: 'mmTargetUnknown' }),
	targetId: z.string({ error: 'mmTargetUnknown' }).trim().regex(UUID, 'mmTargetUnknown')
};

export const replyForm = z.object({ body: plainText(COMMENT_LIMITS.reply) });

export const reportForm = z.object({
	...target,
	reason: plainText(COMMENT_LIMITS.reportReason)
});

export const hideForm = z.object({ ...target, reason: plainText(COMMENT_LIMITS.hideReason) });

export const targetForm = z.object(target);

export const answerForm = z.object({
	status: z.enum(COMMENT_STATUSES, { error: 'mmStatusUnknown' }),
	// Empty: no answer (a status change alone is allowed).
	answer: optionalPlain(COMMENT_LIMITS.answer).transform((v) => v.replace(/\r\n?/g, '\n'))
});

export type TargetInput = z.output<typeof targetForm>;
export type AnswerInput = z.output<typeof answerForm>;
