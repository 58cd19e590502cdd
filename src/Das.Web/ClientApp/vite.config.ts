import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';

// The bundle goes to the ASP.NET host's web root (src/Das.Web/wwwroot), which holds nothing else: Vite empties it
// on each build. `npm run dev` serves the page itself and sends the API, the hub and the HiPS to a running Das.Web
// (DAS_URL, default http://127.0.0.1:5000): Vite's own server answers 500 for the extensionless HiPS `properties`.
const backend = process.env.DAS_URL ?? 'http://127.0.0.1:5000';

/**
 * File names stay the same from build to build (assets/das.js, assets/index.css): MSBuild lists wwwroot for static
 * web assets, and a list made before Vite replaced content-hashed names would name files that no longer exist.
 * Browsers still fetch a new bundle after a rebuild: index.html asks for each asset with ?v=<hash of its content>.
 */
function versionQuery(): Plugin {
  return {
    name: 'das-version-query',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) {
          return html;
        }
        return html.replace(/(src|href)="(\.\/assets\/[^"?]+)"/g, (whole, attribute: string, url: string) => {
          const item = bundle[url.slice(2)];
          if (!item) {
            return whole;
          }
          const content = item.type === 'chunk' ? item.code : item.source;
          const version = createHash('sha256').update(content).digest('hex').slice(0, 12);
          return `${attribute}="${url}?v=${version}"`;
        });
      },
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [versionQuery()],
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // Two pages: the query page and the cross-match page (its own entry, so the two never edit one file).
      input: { index: 'index.html', xmatch: 'xmatch.html' },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'xmatch' ? 'assets/xmatch.js' : 'assets/das.js'),
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': backend,
      '/hips': backend,
      '/hubs': { target: backend, ws: true },
    },
  },
});
