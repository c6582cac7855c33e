import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/register.ts', 'src/internal.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  // Dependencies stay external: one copy of the OpenTelemetry packages in the app.
  external: [/^@opentelemetry\//],
  // import.meta.url in the CommonJS build (instrumentation loading resolves from this package).
  shims: true,
});
