import { z } from 'zod';

// What the import reads from an OParl 1.0/1.1 object. Unknown properties are ignored; an object
// whose properties we use are malformed is skipped and counted as a warning. URLs we later show
// as links must be http(s): a `javascript:` address would run in a resident's browser.

const url = z
	.string()
	.max(2000)
	.refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), 'keine http(s)-Adresse');
const text = (max: number) => z.string().max(max).optional().nullable();
const date = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}/)
	.transform((v) => v.slice(0, 10))
	.optional()
	.nullable();
const dateTime = z
	.string()
	.refine((v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)), 'kein Zeitpunkt')
	.transform((v) => new Date(v))
	.optional()
	.nullable();

export const deletedSchema = z.object({ id: url, deleted: z.literal(true) });

export const fileSchema = z.object({
	id: url,
	name: text(500),
	fileName: text(500),
	accessUrl: url.optional().nullable(),
	downloadUrl: url.optional().nullable(),
	deleted: z.boolean().optional()
});

export const agendaItemSchema = z.object({
	id: url,
	number: text(50),
	order: z.number().int().min(-1_000_000).max(1_000_000).optional().nullable(),
	name: text(2000),
	public: z.boolean().optional().nullable(),
	result: text(2000),
	resolutionText: text(100_000),
	auxiliaryFile: z.array(z.unknown()).max(500).optional().nullable(),
	deleted: z.boolean().optional()
});

export const meetingSchema = z.object({
	id: url,
	name: text(500),
	start: dateTime,
	end: dateTime,
	cancelled: z.boolean().optional().nullable(),
	location: z
		.object({
			description: text(500),
			streetAddress: text(500),
			room: text(200),
			locality: text(200)
		})
		.optional()
		.nullable(),
	organization: z.array(url).max(100).optional().nullable(),
	agendaItem: z.array(z.unknown()).max(2000).optional().nullable(),
	deleted: z.boolean().optional()
});

export const organizationSchema = z.object({
	id: url,
	name: text(500),
	shortName: text(100),
	organizationType: text(200),
	classification: text(200),
	startDate: date,
	endDate: date,
	website: url.optional().nullable(),
	deleted: z.boolean().optional()
});

export const membershipSchema = z.object({
	id: url,
	person: url.optional().nullable(),
	organization: url.optional().nullable(),
	role: text(200),
	votingRight: z.boolean().optional().nullable(),
	startDate: date,
	endDate: date,
	deleted: z.boolean().optional()
});

export const personSchema = z.object({
	id: url,
	name: text(500),
	familyName: text(200),
	givenName: text(200),
	formOfAddress: text(100),
	title: z
		.union([z.array(z.string().max(100)).max(10), z.string().max(200)])
		.optional()
		.nullable(),
	membership: z.array(z.unknown()).max(500).optional().nullable(),
	deleted: z.boolean().optional()
});

export const termSchema = z.object({
	id: url,
	name: text(200),
	startDate: date,
	endDate: date,
	deleted: z.boolean().optional()
});

export const paperSchema = z.object({
	id: url,
	name: text(2000),
	reference: text(200),
	web: url.optional().nullable(),
	mainFile: z.object({ accessUrl: url.optional().nullable() }).optional().nullable(),
	consultation: z
		.array(z.object({ agendaItem: url.optional().nullable() }))
		.max(200)
		.optional()
		.nullable(),
	deleted: z.boolean().optional()
});

export type OparlFile = z.output<typeof fileSchema>;
export type OparlAgendaItem = z.output<typeof agendaItemSchema>;
export type OparlMeeting = z.output<typeof meetingSchema>;
export type OparlOrganization = z.output<typeof organizationSchema>;
export type OparlMembership = z.output<typeof membershipSchema>;
export type OparlPerson = z.output<typeof personSchema>;
export type OparlTerm = z.output<typeof termSchema>;
export type OparlPaper = z.output<typeof paperSchema>;
