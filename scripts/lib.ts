import { EnvError, parseEnv, type Env } from "~/utils/env.server";

/** Reads and checks the environment; a wrong value ends the script with a clear message. */
export function loadEnvOrExit(): Env {
  try {
    return parseEnv(process.env);
  } catch (err) {
    if (err instanceof EnvError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

/** A number flag (`--name N`) within [min, max]; a value out of range ends the script (exit code 2). */
export function numberArg(name: string, fallback: number, min: number, max: number): number {
  const raw = argValue(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number from ${min} to ${max} (got ${JSON.stringify(raw)}).`);
    process.exit(2);
  }
  return n;
}
