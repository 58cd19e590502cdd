import { defineConfig } from 'vite';

// The bundle goes to the ASP.NET host's web root (src/Das.Web/wwwroot), which holds nothing else: Vite empties it
// on each build. `npm run dev` serves the page itself and sends the API, the hub and the HiPS to a running Das.Web
// (DAS_URL, default http://127.0.0.1:5000): Vite's own server answers 500 for the extensionless HiPS `properties`.
const backend = process.env.DAS_URL ?? 'http://127.0.0.1:5000';

export default defineConfig({
  base: './',
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
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
