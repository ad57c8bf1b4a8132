// Shared by the browser tests and scripts/e2e-server.js, which imports this file directly (Node 24
// strips the types), so it must not import anything.

// E2E_PORT lets two checkouts on one machine run their browser tests side by side.
export const E2E_ORIGIN = `http://localhost:${process.env.E2E_PORT ?? '4173'}`;

/** Password of every seeded demo account while the e2e server runs (DEMO_PASSWORD). */
export const DEMO_PASSWORD = 'Demo-Hennef-2026!';

export const DEMO_ADMIN = 'admin@demo.mitreden.example';
export const DEMO_RESIDENT = 'buergerin@demo.mitreden.example';

/** The live ingest's RTMP port while the e2e server runs (one per checkout, like E2E_PORT). */
export const E2E_RTMP_PORT = 19_400 + (Number(process.env.E2E_PORT ?? '4173') - 4173);

/** LIVE_CONSOLE_TIMEOUT_SECONDS of the e2e server: a console silent this long makes the state unknown. */
export const E2E_CONSOLE_TIMEOUT_SECONDS = 12;
