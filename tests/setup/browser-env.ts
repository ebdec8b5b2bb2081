/**
 * Runs before every browser test file. Vite (under Vitest) sets `BASE_URL="/"`, its public base
 * path, in this test process. The app reads `BASE_URL` as its public URL: the test servers get
 * theirs in their own environment (tests/setup/server.ts), but the factories that seed their
 * databases run here and read the app's rules through `env()`, which refuses "/" as a URL.
 */
import { resetEnvCache } from "../../app/utils/env.server";

if (process.env.BASE_URL === "/") delete process.env.BASE_URL;
resetEnvCache();
