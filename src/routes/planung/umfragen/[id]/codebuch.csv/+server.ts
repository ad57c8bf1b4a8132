import type { RequestHandler } from './$types';
import { exportDownload } from '$lib/server/results/export-download.ts';

// The CSV export's column scheme; XLSX and JSON carry it inside the file.
export const GET: RequestHandler = (event) => exportDownload(event, 'codebook');
