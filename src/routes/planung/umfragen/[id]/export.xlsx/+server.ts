import type { RequestHandler } from './$types';
import { exportDownload } from '$lib/server/results/export-download.ts';

export const GET: RequestHandler = (event) => exportDownload(event, 'xlsx');
