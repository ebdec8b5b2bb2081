// npm run i18n:stale — lists translations made from an older German text (German is binding).
//
// From the git history of HEAD: for every key of every language, the commit that brought in its
// current value (merges followed to the side that had it; a key moved to another namespace of the
// same language with the same value keeps its origin). A translation is stale when the German value
// at that commit differs from today's German: whoever wrote it saw another German text. Plural keys
// count as one (every German form against every form of the language).
//
// A stale key that was checked and is still right goes into scripts/i18n-stale.reviewed.json with the
// German it was checked against; it shows again when the German changes once more.
// `npm run i18n:stale -- <commit>` checks that commit instead of HEAD.
// Exit code 1 when an unreviewed stale key is left. Needs the full history (not a shallow clone).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIR = "app/i18n/locales/";
const REV = process.argv[2] ?? "HEAD"; // or any commit: npm run i18n:stale -- <commit>
const PLURAL = /_(zero|one|two|few|many|other)$/;
type Flat = Map<string, string>;

const git = (args: string[], input?: string) =>
  execFileSync("git", ["-C", ROOT, ...args], { input, maxBuffer: 1 << 30, encoding: "utf8" });

function flatten(o: Record<string, unknown>, pre = "", out: Flat = new Map()): Flat {
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === "object") flatten(v as Record<string, unknown>, `${pre}${k}.`, out);
    else out.set(`${pre}${k}`, String(v));
  }
  return out;
}

// Commits oldest first, each with its parents; per commit the blob of every locale file.
const parents = new Map<string, string[]>();
const commits: string[] = [];
for (const line of git(["rev-list", "--topo-order", "--reverse", "--parents", REV]).split("\n").filter(Boolean)) {
  const [c, ...ps] = line.split(" ");
  commits.push(c);
  parents.set(c, ps);
}
const trees = new Map<string, Map<string, string>>();
for (const c of commits) {
  const t = new Map<string, string>();
  for (const line of git(["ls-tree", "-r", c, "--", DIR]).split("\n").filter(Boolean)) {
    const [meta, file] = line.split("\t");
    if (file.endsWith(".json")) t.set(file, meta.split(" ")[2]);
  }
  trees.set(c, t);
}

// Every blob once, read in one `git cat-file --batch`.
const blobs = new Map<string, Flat>();
const ids = [...new Set([...trees.values()].flatMap((t) => [...t.values()]))];
const batch = Buffer.from(execFileSync("git", ["-C", ROOT, "cat-file", "--batch"], { input: ids.join("\n") + "\n", maxBuffer: 1 << 30 }));
for (let pos = 0; pos < batch.length; ) {
  const nl = batch.indexOf(10, pos);
  const [id, , size] = batch.subarray(pos, nl).toString().split(" ");
  const body = batch.subarray(nl + 1, nl + 1 + Number(size)).toString("utf8");
  pos = nl + 1 + Number(size) + 1;
  try {
    blobs.set(id, flatten(JSON.parse(body) as Record<string, unknown>));
  } catch {
    blobs.set(id, new Map()); // a broken file in some old commit: no values
  }
}
const valuesAt = (c: string, file: string) => blobs.get(trees.get(c)?.get(file) ?? "") ?? new Map<string, string>();

// origin.get(commit).get(file).get(key): the commit that brought in the key's value as it is there.
const origin = new Map<string, Map<string, Map<string, string>>>();
for (const c of commits) {
  const ps = parents.get(c) ?? [];
  const here = new Map<string, Map<string, string>>();
  for (const [file, blob] of trees.get(c) ?? []) {
    const same = ps.find((p) => trees.get(p)?.get(file) === blob);
    if (same) {
      here.set(file, origin.get(same)!.get(file)!);
      continue;
    }
    const lang = file.slice(DIR.length).split("/")[0];
    const keys = new Map<string, string>();
    for (const [k, v] of blobs.get(blob) ?? []) {
      const o = ps.find((p) => valuesAt(p, file).get(k) === v);
      let from = o && origin.get(o)!.get(file)!.get(k);
      if (!from && !ps.some((p) => valuesAt(p, file).has(k))) {
        // new in this file: moved from another namespace of the same language?
        for (const p of ps) {
          for (const other of trees.get(p)?.keys() ?? []) {
            if (other !== file && other.startsWith(`${DIR}${lang}/`) && valuesAt(p, other).get(k) === v) {
              from = origin.get(p)!.get(other)!.get(k);
              break;
            }
          }
          if (from) break;
        }
      }
      keys.set(k, from ?? c);
    }
    here.set(file, keys);
  }
  origin.set(c, here);
}

// The German a translation was made from: the German file of its namespace at that commit (or the
// namespace the keys were in then).
function germanAt(c: string, ns: string, keys: string[]): string {
  const t = trees.get(c) ?? new Map<string, string>();
  const files = [`${DIR}de/${ns}.json`, ...[...t.keys()].filter((f) => f.startsWith(`${DIR}de/`))];
  for (const f of files) {
    const v = valuesAt(c, f);
    if (keys.some((k) => v.has(k))) return JSON.stringify(keys.map((k) => v.get(k) ?? null));
  }
  return "null";
}

const reviewedFile = path.join(ROOT, "scripts/i18n-stale.reviewed.json");
const reviewed = JSON.parse(fs.readFileSync(reviewedFile, "utf8")) as Record<string, Record<string, string>>;
const head = commits[commits.length - 1];
const headTree = trees.get(head)!;
let open = 0;
let checked = 0;
for (const deFile of [...headTree.keys()].filter((f) => f.startsWith(`${DIR}de/`)).sort()) {
  const ns = path.basename(deFile, ".json");
  const german = valuesAt(head, deFile);
  const groups = new Map<string, string[]>();
  for (const k of german.keys()) if (k !== "_note") groups.set(k.replace(PLURAL, ""), [...(groups.get(k.replace(PLURAL, "")) ?? []), k]);
  for (const file of [...headTree.keys()].filter((f) => f.endsWith(`/${ns}.json`) && !f.startsWith(`${DIR}de/`)).sort()) {
    const lang = file.slice(DIR.length).split("/")[0];
    const values = valuesAt(head, file);
    for (const [base, deKeys] of groups) {
      const now = JSON.stringify(deKeys.map((k) => german.get(k) ?? null));
      const forms = [...values.keys()].filter((k) => k === base || (PLURAL.test(k) && k.replace(PLURAL, "") === base));
      const stale = forms.filter((k) => germanAt(origin.get(head)!.get(file)!.get(k)!, ns, deKeys) !== now);
      if (!stale.length) continue;
      const id = `${ns}:${base}`;
      if (reviewed[lang]?.[id] === deKeys.map((k) => german.get(k)).join(" | ")) {
        checked++;
        continue;
      }
      open++;
      const from = origin.get(head)!.get(file)!.get(stale[0])!;
      console.log(`${lang} ${id}\n  German then: ${germanAt(from, ns, deKeys)} (${from.slice(0, 7)})\n  German now:  ${now}\n  ${lang}:  ${JSON.stringify(stale.map((k) => values.get(k)))}`);
    }
  }
}
console.log(`${open} stale translation(s); ${checked} stale by history but checked as still right (${path.relative(ROOT, reviewedFile)}).`);
process.exitCode = open ? 1 : 0;
