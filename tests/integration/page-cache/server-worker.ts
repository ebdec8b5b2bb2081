/**
 * One production HTTP server process (scripts/serve.ts `createServer`, with its public page cache)
 * on the test file's database, for the two-process cache test:
 * `node --import tsx server-worker.ts <db>`, where <db> is a SQLite file or a postgres:// URL.
 * Remix runs a small hand-made build instead of the app's (which may not exist when this runs):
 * `/spenden` (a cached public page, scopes "donations" and "organisations") lists the
 * organisations; POST `/neu?name=…` adds one through this process's own database handle.
 * Prints "listening <port>" once it answers.
 */
import type { AddressInfo } from "node:net";
import type { ActionFunctionArgs } from "@remix-run/node";

const [target] = process.argv.slice(2);
const { engineOfUrl } = await import("../../../db/dialect");
if (engineOfUrl(target) === "postgres") process.env.DATABASE_URL = target;
else {
  delete process.env.DATABASE_URL;
  process.env.DATABASE_PATH = target;
}
process.env.NODE_ENV = "production";
process.env.BASE_URL = "http://localhost:3000";
process.env.LOG_LEVEL = "silent";

const { parseEnv } = await import("../../../app/utils/env.server");
const { getDb, closeDb } = await import("../../../app/utils/db.server");
const { createServer } = await import("../../../scripts/serve");
const { createTestOrganisation } = await import("../../factories");
const { resourceBuild, resourceRoute } = await import("../../setup/resource-build");


const build = resourceBuild({
  spenden: resourceRoute("spenden", "spenden", {
    loader: async () => {
      const names = (await getDb().selectFrom("organisation").select("name").orderBy("id").execute()).map((o) => o.name);
      return new Response(`<ul>${names.map((n) => `<li>${n}</li>`).join("")}</ul>`, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    },
  }),
  neu: resourceRoute("neu", "neu", {
    action: async ({ request }: ActionFunctionArgs) => {
      const name = new URL(request.url).searchParams.get("name") ?? "Verein";
      await createTestOrganisation(getDb(), { name });
      return new Response("ok", { headers: { "Content-Type": "text/plain" } });
    },
  }),
});

const env = parseEnv(process.env);
const { app } = await createServer(env, build);
const server = app.listen(0, "127.0.0.1", () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => void closeDb().then(() => process.exit(0)));
  setTimeout(() => process.exit(0), 2000).unref();
});
