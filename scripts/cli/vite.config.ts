// Bundles the command line (scripts/monev.ts and the src/lib code it uses) into build/cli/monev.js,
// run by `npm run build` after the app's build, so a production install (`npm ci --omit=dev`, no
// tsx) runs it with plain node. Packages stay external: they are dependencies, installed there.
import { defineConfig } from 'vite';

export default defineConfig({
	publicDir: false,
	logLevel: 'warn',
	build: {
		// The import worker is an entry of its own: a parse thread then loads the parser chunk, never
		// the CLI's main module (which would run a command in the thread).
		ssr: true,
		outDir: 'build/cli',
		emptyOutDir: true,
		target: 'node20',
		rolldownOptions: {
			input: { monev: 'scripts/monev.ts', worker: 'src/lib/server/import/worker.ts' },
			output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' }
		}
	}
});
