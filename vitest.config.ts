import path from "node:path";
import { defineConfig } from "vitest/config";

const r = (p: string) => path.resolve(import.meta.dirname, p);

export default defineConfig({
  resolve: { alias: { "~": r("app"), "@db": r("db"), "@emails": r("emails"), "@tests": r("tests") } },
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["app/**/*.test.{ts,tsx}", "emails/**/*.test.ts", "db/**/*.test.ts", "tests/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          setupFiles: ["tests/setup/integration.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          setupFiles: ["tests/setup/browser-env.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
