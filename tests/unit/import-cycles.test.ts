/**
 * No import cycles among `app/**`: the import graph (type imports included, they tie files
 * together just as well) is built with the TypeScript compiler's own parser and searched for cycles.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts")).map((f) => path.join(dir, f));
}

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith("@db/")) base = path.join(ROOT, "db", spec.slice(4));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    // The compiler's import scanner: every import/export-from, type-only ones included.
    const targets = ts
      .preProcessFile(fs.readFileSync(file, "utf8"), true, false)
      .importedFiles.map((f) => resolve(file, f.fileName))
      .filter((to): to is string => !!to && to.startsWith(APP + path.sep));
    graph.set(file, targets);
  }
  return graph;
}

/** Every cycle's files (one entry per strongly connected component with more than one file, or a self-import). */
export function cyclesOf(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.map((f) => path.relative(ROOT, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

describe("import graph of app/**", () => {
  it("finds a cycle when there is one (the check can fail)", () => {
    const a = path.join(APP, "a.ts");
    const b = path.join(APP, "b.ts");
    expect(cyclesOf(new Map([[a, [b]], [b, [a]]]))).toEqual([["app/a.ts", "app/b.ts"]]);
    expect(cyclesOf(new Map([[a, [b]], [b, []]]))).toEqual([]);
  });

  it("has no import cycles", { timeout: 30_000 }, () => {
    const graph = importGraph(sourceFiles(APP));
    expect(graph.size).toBeGreaterThan(50);
    expect(cyclesOf(graph)).toEqual([]);
  });
});
