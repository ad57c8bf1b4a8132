import { z } from 'zod';
import { ROLES } from '../db/schema.ts';
import { fields } from '../http/forms.ts';

export const loginForm = z.object({ email: fields.email(), password: fields.password() });

export const registerForm = z.object({
	email: fields.email(),
	password: fields.password(),
	displayName: fields.optionalText(60)
});

export const forgotForm = z.object({ email: fields.email() });

export const resetForm = z.object({ password: fields.password() });

export const changeEmailForm = z.object({ newEmail: fields.email(), password: fields.password() });

export const changePasswordForm = z.object({
	currentPassword: fields.password(),
	newPassword: fields.password()
});

export const confirmPasswordForm = z.object({ password: fields.password() });

export const rolesForm = z.object({
	roles: z.array(z.enum(ROLES, { error: 'vRole' })).max(ROLES.length)
});
