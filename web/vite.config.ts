import { defineConfig } from "vite";

// The server (sluice server) serves dist/ and answers /api; `npm run dev` proxies /api to a local server.
export default defineConfig({
  base: "/",
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { "/api": "http://127.0.0.1:8081", "/metrics": "http://127.0.0.1:8081" } },
});
