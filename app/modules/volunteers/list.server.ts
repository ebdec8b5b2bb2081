import { sql } from "kysely";
import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import type { VolunteerStatus } from "@db/schema";
import { getDb } from "~/utils/db.server";
import { PAGE_SIZE } from "./queries.server";

export type VolunteerFilters = {
  q?: string;
  districtId?: number;
  language?: string;
  skill?: string;
  fieldId?: number;
  status?: VolunteerStatus;
  page: number;
};

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

/**
 * The office list: filters as indexed sub-queries, one query for the page, one for the
 * count and one for the page's languages (no N+1). Scoped: only `read:volunteer:any`.
 */
export async function listVolunteers(actor: Actor, f: VolunteerFilters) {
  if (!can(actor, "read:volunteer:any")) return { items: [], total: 0, page: 1, pageSize: PAGE_SIZE };
  const db = getDb();
  // Filters touch only the profile and its indexed lists, so the count needs no join.
  let query = db.selectFrom("volunteer_profile as p").where("p.erased_at", "is", null);
  if (f.status) query = query.where("p.status", "=", f.status);
  if (f.districtId) query = query.where("p.district_id", "=", f.districtId);
  if (f.language) query = query.where("p.user_id", "in", db.selectFrom("volunteer_language").select("user_id").where("language_code", "=", f.language));
  if (f.skill) query = query.where("p.user_id", "in", db.selectFrom("volunteer_skill").select("user_id").where("skill", "=", f.skill));
  if (f.fieldId) query = query.where("p.user_id", "in", db.selectFrom("volunteer_field").select("user_id").where("field_id", "=", f.fieldId));
  // SQLite has no default LIKE escape character: name it, so "%" and "_" in a search are literal.
  if (f.q) query = query.where("p.user_id", "in", db.selectFrom("user").select("id").where(sql<boolean>`name like ${`%${escapeLike(f.q)}%`} escape '\\'`));
  const page = Math.max(1, f.page);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    query
      .innerJoin("user as u", "u.id", "p.user_id")
      .leftJoin("district as d", "d.id", "p.district_id")
      .select(["p.user_id as id", "u.name", "d.name as district", "p.status", "p.has_car", "p.created_at"])
      .orderBy("u.name")
      .orderBy("p.user_id")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
  ]);
  const ids = rows.map((r) => r.id);
  const languages = ids.length
    ? await db.selectFrom("volunteer_language").select(["user_id", "language_code", "level"]).where("user_id", "in", ids).orderBy("language_code").execute()
    : [];
  const items = rows.map((r) => ({ ...r, languages: languages.filter((l) => l.user_id === r.id).map((l) => ({ code: l.language_code, level: l.level })) }));
  return { items, total: Number(total), page, pageSize: PAGE_SIZE };
}
