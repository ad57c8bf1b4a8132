import type { SubmitFunction } from '@sveltejs/kit';

/**
 * For edit forms: keep what is in the fields after saving (they show the saved values anyway),
 * but empty file inputs, so a chosen file is not sent a second time with the next save.
 */
export const keepValues: SubmitFunction =
	() =>
	async ({ update, formElement, result }) => {
		await update({ reset: false });
		if (result.type !== 'success') return;
		for (const input of formElement.querySelectorAll<HTMLInputElement>('input[type="file"]')) {
			input.value = '';
		}
	};
