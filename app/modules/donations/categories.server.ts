import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { categoryFit } from "./matching";
import type { CategoryInput } from "./schema";

export type Category = Awaited<ReturnType<typeof listCategories>>[number];

/** The whole tree, parents before children (public: it holds no personal data). */
export async function listCategories(db: Kysely<DB> = getDb(), opts: { activeOnly?: boolean } = {}) {
  let q = db.selectFrom("donation_category").selectAll();
  if (opts.activeOnly) q = q.where("active", "=", 1);
  const rows = await q.orderBy("sort_order").orderBy("id").execute();
  return orderTree(rows);
}

/** Depth-first order with a depth for indentation; orphans (inactive parent) go to the top level. */
export function orderTree<T extends { id: number; parent_id: number | null }>(rows: T[]): Array<T & { depth: number }> {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, T[]>();
  for (const r of rows) {
    const p = r.parent_id != null && ids.has(r.parent_id) ? r.parent_id : null;
    children.set(p, [...(children.get(p) ?? []), r]);
  }
  const out: Array<T & { depth: number }> = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push({ ...r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export { categoryName } from "./category-names";

/** Creates or edits a category. A category can never become its own ancestor. */
export async function saveCategory(actor: Actor, input: CategoryInput, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:donation:any");
  return transaction(async (trx) => {
    const all = await trx.selectFrom("donation_category").select(["id", "parent_id", "slug"]).execute();
    if (input.parentId && !all.some((c) => c.id === input.parentId)) throw new AppError("donations:errors.unknownCategory", 400, "parentId");
    if (all.some((c) => c.slug === input.slug && c.id !== input.categoryId)) throw new AppError("donations:errors.slugTaken", 400, "slug");
    const row = {
      parent_id: input.parentId ?? null,
      slug: input.slug,
      name_de: input.nameDe,
      name_en: input.nameEn,
      name_ar: input.nameAr,
      name_uk: input.nameUk,
      // Optional (migration 0060): empty shows the German name.
      name_fa: input.nameFa ?? "",
      name_tr: input.nameTr ?? "",
      name_ru: input.nameRu ?? "",
      size_kind: input.sizeKind,
      seasonal: input.seasonal ? 1 : 0,
      tested_only: input.testedOnly ? 1 : 0,
      active: input.active ? 1 : 0,
    };
    let id: number;
    if (input.categoryId) {
      if (!all.some((c) => c.id === input.categoryId)) throw new AppError("errors.notFound", 404);
      const tree = new Map(all.map((c) => [c.id, c.id === input.categoryId ? (input.parentId ?? null) : c.parent_id]));
      if (input.parentId && (input.parentId === input.categoryId || categoryFit(tree, input.categoryId, input.parentId))) {
        throw new AppError("donations:errors.categoryCycle", 400, "parentId");
      }
      await trx.updateTable("donation_category").set(row).where("id", "=", input.categoryId).execute();
      id = input.categoryId;
    } else {
      const r = await trx.insertInto("donation_category").values({ ...row, sort_order: all.length }).returning("id").executeTakeFirstOrThrow();
      id = r.id;
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: input.categoryId ? "update" : "create", entity: "donation_category", entityId: id, now });
    return id;
  });
}
