import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	test: {
		include: ['src/**/*.spec.ts', 'media-worker/**/*.spec.ts'],
		environment: 'node',
		// Database tests share one engine per file; run files one at a time so PGlite and the
		// PostgreSQL test database are not fought over.
		fileParallelism: false,
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
