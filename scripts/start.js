// Starts the built app (build/) with safe defaults: port 3000 and the embedded database
// file data/monev.db, which is migrated and, when empty, loaded with the demo years on start.
process.env.PORT ||= '3000';
process.env.DATABASE_URL ||= 'file:data/monev.db';
process.env.BODY_SIZE_LIMIT ||= '10M';
const port = process.env.PORT;
if (!process.env.ORIGIN) console.error(`[monev] http://localhost:${port}`);
await import('../build/index.js');
