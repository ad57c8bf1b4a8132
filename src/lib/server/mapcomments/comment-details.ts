import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/index.ts';
import type { CommentDetails } from '../../mapcomments/types.ts';
import {
	findCommentRecord,
	hasSupported,
	listReplies,
	openReportCounts,
	reportedTargets,
	type CommentRecord
} from './comment-page.repository.ts';

// Who may see a comment's own page, and what they see there. Hidden comments exist for their
// author (with the reason), planners and moderators; for everyone else they are a 404 like an
// unknown id, so a hidden comment's title does not leak through its address.

export interface CommentPage {
	comment: CommentDetails;
	consultation: { id: string; slug: string; title: string };
	categoryName: string;
	planTitle: string | null;
	/** Replies, supports and reports are possible: published consultation, open stage. */
	open: boolean;
	viewer: {
		isAuthor: boolean;
		planner: boolean;
		moderator: boolean;
		supported: boolean;
		/** Ids of the comment and replies this person has reported. */
		reported: string[];
	};
	/** Open reports by comment or reply id; filled for moderators only. */
	openReports: Record<string, number>;
}

const isStaff = (user: SessionUser | null) =>
	!!user && (user.roles.includes('planner') || user.roles.includes('moderator'));

/** Whether the consultation and stage are public, or the viewer plans them. */
export function publiclyListed(rec: CommentRecord, user: SessionUser | null): boolean {
	if (user?.roles.includes('planner')) return true;
	return rec.consultationStatus !== 'draft' && rec.stageStatus !== 'draft';
}

/** Whether this person may see this comment at all (hidden ones only for author and staff). */
export function maySee(rec: CommentRecord, user: SessionUser | null): boolean {
	if (!publiclyListed(rec, user)) return false;
	if (!rec.details.hidden) return true;
	return isStaff(user) || (!!user && user.id === rec.details.authorId);
}

export function acceptsContributions(rec: CommentRecord): boolean {
	return rec.consultationStatus === 'published' && rec.stageStatus === 'open';
}

/** The page's data, or null for a 404 (unknown id, other consultation, not visible to them). */
export async function loadCommentPage(
	db: Db,
	slug: string,
	commentId: string,
	user: SessionUser | null
): Promise<CommentPage | null> {
	const rec = await findCommentRecord(db, commentId);
	if (!rec || rec.consultationSlug !== slug || !maySee(rec, user)) return null;
	const staff = isStaff(user);
	const replies = (await listReplies(db, commentId)).map(({ authorId, ...reply }) =>
		// A hidden reply's text stays with its author and the staff; others read only the reason.
		reply.hidden && !staff && authorId !== user?.id ? { ...reply, body: '' } : reply
	);
	return {
		comment: { ...rec.details, replies },
		consultation: {
			id: rec.consultationId,
			slug: rec.consultationSlug,
			title: rec.consultationTitle
		},
		categoryName: rec.categoryName,
		planTitle: rec.planTitle,
		open: acceptsContributions(rec),
		viewer: {
			isAuthor: !!user && user.id === rec.details.authorId,
			planner: user?.roles.includes('planner') ?? false,
			moderator: user?.roles.includes('moderator') ?? false,
			supported: user ? await hasSupported(db, commentId, user.id) : false,
			reported: user ? [...(await reportedTargets(db, commentId, user.id))] : []
		},
		openReports: user?.roles.includes('moderator') ? await openReportCounts(db, commentId) : {}
	};
}
