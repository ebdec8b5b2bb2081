import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The server resolves these packages through CommonJS; so does this test, to exercise the files
// that `npm install` patched (scripts/patches, ADR 0015).
const require = createRequire(import.meta.url);
const { matchRoutes, matchPath } = require("@remix-run/router") as typeof import("@remix-run/router");

const marker = "Ehrenamt-Hub patch";

describe("dependency patches (scripts/patches)", () => {
  it("are applied by the install", () => {
    const files: Array<[string, string]> = [
      ["@remix-run/router", "dist/router.cjs.js"],
      ["@remix-run/react", "dist/server.js"],
      ["react-router-dom", "server.js"],
      ["@remix-run/server-runtime", "dist/data.js"],
      ["react-dom", "cjs/react-dom-server.node.production.min.js"],
      ["react-dom", "cjs/react-dom-server.node.development.js"],
    ];
    for (const [pkg, file] of files) {
      const dir = path.dirname(require.resolve(`${pkg}/package.json`));
      expect(readFileSync(path.join(dir, file), "utf8"), `${pkg}/${file}`).toContain(marker);
    }
  });

  it("match the right route on repeated calls, each routes array with its own tree", () => {
    const a = [{ id: "root", path: "/", children: [{ id: "raum", path: "raum/:id" }, { id: "raum-index", path: "raum", index: false }, { id: "spenden", path: "spenden" }] }];
    const b = [{ id: "root", path: "/", children: [{ id: "other", path: "raum/:roomId/kalender" }] }];
    for (let i = 0; i < 3; i++) {
      expect(matchRoutes(a, "/raum/7")?.map((m) => [m.route.id, m.params])).toEqual([
        ["root", { id: "7" }],
        ["raum", { id: "7" }],
      ]);
      expect(matchRoutes(a, "/spenden")?.at(-1)?.route.id).toBe("spenden");
      expect(matchRoutes(a, "/raum/7/kalender")).toBeNull();
      expect(matchRoutes(b, "/raum/7/kalender")?.at(-1)?.params).toEqual({ roomId: "7" });
      expect(matchRoutes(b, "/raum/7")).toBeNull();
    }
  });

  it("rank static segments before dynamic ones whichever comes first", () => {
    const routes = [{ id: "dyn", path: "/office/volunteers/:id" }, { id: "static", path: "/office/volunteers/export" }];
    expect(matchRoutes(routes, "/office/volunteers/export")?.[0].route.id).toBe("static");
    expect(matchRoutes(routes, "/office/volunteers/abc")?.[0].route.id).toBe("dyn");
  });

  it("keep compiled patterns apart by case sensitivity and end, and params apart by call", () => {
    expect(matchPath({ path: "/Raum/:id", caseSensitive: true }, "/raum/1")).toBeNull();
    expect(matchPath({ path: "/Raum/:id", caseSensitive: false }, "/raum/1")?.params).toEqual({ id: "1" });
    expect(matchPath({ path: "/raum", end: true }, "/raum/1")).toBeNull();
    expect(matchPath({ path: "/raum", end: false }, "/raum/1")?.pathnameBase).toBe("/raum");
    const first = matchPath("/raum/:id", "/raum/1");
    const second = matchPath("/raum/:id", "/raum/2");
    expect(first?.params).toEqual({ id: "1" });
    expect(second?.params).toEqual({ id: "2" });
  });

  it("give every call its own matches of a kept result, with one params object per result", () => {
    const routes = [{ id: "root", path: "/", children: [{ id: "vol", path: "office/volunteers/:id" }] }];
    const first = matchRoutes(routes, "/office/volunteers/abc")!;
    (first[1].params as Record<string, string>).id = "changed by a caller";
    first.pop();
    const second = matchRoutes(routes, "/office/volunteers/abc")!;
    expect(second.map((m) => [m.route.id, m.params.id, m.pathname])).toEqual([
      ["root", "abc", "/"],
      ["vol", "abc", "/office/volunteers/abc"],
    ]);
    expect(second[0].params).toBe(second[1].params);
    expect(second[1].route).toBe(routes[0].children[0]);
    // Encoded and plain spellings are matched (and kept) apart, decoded alike.
    expect(matchRoutes(routes, "/office/volunteers/a%20b")?.[1].params.id).toBe("a b");
    expect(matchRoutes(routes, "/office/volunteers/a b")?.[1].params.id).toBe("a b");
    expect(matchRoutes(routes, "/office/other")).toBeNull();
    expect(matchRoutes(routes, "/office/other")).toBeNull();
  });
});
