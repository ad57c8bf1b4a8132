import { z } from 'zod';

/** The clerk's start form: one absolute http(s) address. */
export const importForm = z.object({
	endpoint: z
		.string({ error: 'vRequired' })
		.trim()
		.min(1, 'vRequired')
		.max(2000, 'vTooLong:2000')
		.refine((v) => /^https?:\/\/[^/\s]/i.test(v) && URL.canParse(v), 'oparlImportUrlInvalid')
});
