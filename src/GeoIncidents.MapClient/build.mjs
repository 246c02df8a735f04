// Bundles the map client with esbuild into the Server's wwwroot/map (or the folder given as argv[2]).
// Run by GeoIncidents.Server's build (see its .csproj); `npm run build` works by hand too.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '..', 'GeoIncidents.Server', 'wwwroot', 'map'));
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  outfile: join(out, 'map.js'),
  loader: { '.css': 'css' },
  logLevel: 'warning',
});
for (const f of ['index.html', 'favicon.svg']) cpSync(join(here, 'public', f), join(out, f));
console.log(`map client built into ${out}`);
