// npm run env-docs — prints the configuration table for the README from the zod schema.
import { ENV_DOCS, EnvSchema } from "~/utils/env.server";

const shape = EnvSchema.shape as Record<string, { _def: { defaultValue?: () => unknown } }>;
console.log("| Variable | Default | Meaning |\n| --- | --- | --- |");
for (const [name, doc] of Object.entries(ENV_DOCS)) {
  const def = shape[name]?._def?.defaultValue?.();
  console.log(`| \`${name}\` | ${def === undefined ? "–" : `\`${String(def)}\``} | ${doc} |`);
}
