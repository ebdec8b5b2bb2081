import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { CATEGORY_NAME_COLUMNS } from "~/modules/donations/category-names";
import { hasDonationsConsent, newHouseholdCode } from "~/modules/donations/households.server";
import { sizeFor } from "~/modules/donations/needs.server";
import { HouseholdSchema, NeedSchema } from "~/modules/donations/schema";
import { recordView } from "~/modules/volunteers/access-log.server";
import { getDb, transaction } from "~/utils/db.server";
import { germanSortKey } from "~/utils/text-keys";
import { plainText } from "~/utils/validation";
import { NEED_SLOTS } from "./fields";
import { addError, applyUpdate, byExternalId, columnOf, recordCreated, rememberExternalIds, type CellErrors, type EntityOps, type Firm, type KindHandler, type Snapshot } from "./kind.server";
import { checkFields, rowReader } from "./rows.server";
import { fold, languageCodesOf, loadReferences, type References } from "./volunteer-rows.server";

/**
 * Households with their needs: one row per household, up to three needs (category, size, season,
 * quantity) beside it. Checked with the household form's and the need form's own rules. Matched by
 * stable id (or the hub's household code), then the contact's e-mail; the same contact name and
 * street is a possible duplicate. New households are marked "consent to be recorded"
 * (`consent_pending`): they and their needs stay invisible to volunteers, the public and matching
 * until the office records a consent.
 */
export type NeedValues = { slot: number; categoryId: number; size?: string; season?: "summer" | "winter" | "all"; quantity: number };
export type HouseholdValues = {
  externalId?: string;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
  street?: string;
  districtId?: number;
  languages?: string[];
  adults?: number;
  childrenYears?: number[];
  notes?: string;
  needs: NeedValues[];
};

type Category = { id: number; size_kind: string; seasonal: number; tested_only: number };
export type HouseholdContext = References & { categories: Map<string, Category>; categoryById: Map<number, Category>; year: number };

const SEASON_WORDS: Record<string, "summer" | "winter" | "all"> = {
  sommer: "summer", summer: "summer", winter: "winter", ganzjaehrig: "all", ganzesjahr: "all", alle: "all", all: "all", allyear: "all", yearround: "all",
};

async function loadContext(db: Kysely<DB>): Promise<HouseholdContext> {
  const refs = await loadReferences(db);
  const cats = await db.selectFrom("donation_category").select(["id", "slug", ...CATEGORY_NAME_COLUMNS, "size_kind", "seasonal", "tested_only"]).where("active", "=", 1).execute();
  const categories = new Map<string, Category>();
  // Every language's name; a translation not given yet ('') names nothing.
  for (const c of cats) for (const k of [c.slug, ...CATEGORY_NAME_COLUMNS.map((col) => c[col]), String(c.id)]) if (k.trim()) categories.set(fold(k), c);
  return { ...refs, categories, categoryById: new Map(cats.map((c) => [c.id, c])), year: new Date().getUTCFullYear() };
}

/** A donation category by any of its names (in every UI language, or its slug); shared with the offers. */
export const categoryOf = (ctx: { categories: Map<string, Category> }, cell: string) => ctx.categories.get(fold(cell));
export { loadContext as loadDonationContext };

const EXTERNAL = plainText(60);
/** The hub's own household code (`H-` and letters/digits), accepted as the stable id. */
const CODE = /^H-[A-Z0-9]{4,10}$/;

export function validateHouseholdRow(cells: readonly string[], mapping: readonly (string | null)[], ctx: HouseholdContext): { values: HouseholdValues; errors: CellErrors } {
  const errors: CellErrors = {};
  const { cell, col } = rowReader(cells, mapping);
  const shape = HouseholdSchema(ctx.year).shape as unknown as Record<string, import("zod").ZodTypeAny>;
  const input: Record<string, { value: unknown; col: number }> = {};
  let name = cell("contactName");
  let nameCol = col("contactName");
  if (name === undefined && (cell("firstName") !== undefined || cell("lastName") !== undefined)) {
    name = [cell("firstName"), cell("lastName")].filter(Boolean).join(" ");
    nameCol = cell("firstName") !== undefined ? col("firstName") : col("lastName");
  }
  if (name !== undefined) input.contactName = { value: name, col: nameCol };
  for (const f of ["contactEmail", "contactPhone", "street", "notes", "adults"] as const) {
    const v = cell(f);
    if (v !== undefined) input[f] = { value: v, col: col(f) };
  }
  const children = cell("children");
  if (children !== undefined) input.childrenYears = { value: children, col: col("children") };
  const district = cell("district");
  if (district !== undefined) {
    const id = ctx.districts.get(fold(district));
    if (id === undefined) addError(errors, col("district"), "errors.invalidChoice");
    else input.districtId = { value: id, col: col("district") };
  }
  const languages = cell("languages");
  if (languages !== undefined) {
    const parsed = languageCodesOf(languages, ctx);
    if (parsed.unknown.length) addError(errors, col("languages"), `import:errors.unknownLanguage|${JSON.stringify({ value: parsed.unknown.join(", ").slice(0, 80) })}`);
    else input.languages = { value: parsed.codes, col: col("languages") };
  }
  const parsed = checkFields(shape, input, errors);
  const values: HouseholdValues = { ...(parsed as Omit<HouseholdValues, "needs">), needs: [] };
  const ext = cell("externalId");
  if (ext !== undefined) {
    const r = EXTERNAL.safeParse(ext);
    if (r.success) values.externalId = r.data;
    else for (const i of r.error.issues) addError(errors, col("externalId"), i.message);
  }
  // The needs, each with the need form's rules; size and season only where the category has them.
  const needShape = NeedSchema.shape as unknown as Record<string, import("zod").ZodTypeAny>;
  for (const n of NEED_SLOTS) {
    const f = { category: `need${n}Category`, size: `need${n}Size`, season: `need${n}Season`, quantity: `need${n}Quantity` };
    const [cat, size, season, qty] = [cell(f.category), cell(f.size), cell(f.season), cell(f.quantity)];
    if (cat === undefined && size === undefined && season === undefined && qty === undefined) continue;
    if (cat === undefined) {
      addError(errors, col(size !== undefined ? f.size : season !== undefined ? f.season : f.quantity), "import:errors.needCategory");
      continue;
    }
    const category = categoryOf(ctx, cat);
    if (!category) {
      addError(errors, col(f.category), "donations:errors.unknownCategory");
      continue;
    }
    const needInput: Record<string, { value: unknown; col: number }> = { categoryId: { value: category.id, col: col(f.category) }, quantity: { value: qty ?? "1", col: col(f.quantity) } };
    if (size !== undefined && category.size_kind !== "none") needInput.size = { value: size, col: col(f.size) };
    if (season !== undefined && category.seasonal) needInput.season = { value: SEASON_WORDS[fold(season)] ?? season, col: col(f.season) };
    const before = Object.keys(errors).length;
    const need = checkFields(needShape, needInput, errors);
    if (Object.keys(errors).length === before) values.needs.push({ slot: n, categoryId: category.id, size: need.size as string | undefined, season: need.season as NeedValues["season"], quantity: need.quantity as number });
  }
  if (!values.externalId && !values.contactEmail && !values.contactName && !Object.keys(errors).length) addError(errors, columnOf(mapping, "contactName", "firstName", "contactEmail", "externalId"), "import:errors.noIdentity");
  return { values, errors };
}

const list = (xs: (string | number)[]) => xs.map(String).sort().join(",");
const split = (s: string | number | null | undefined) => (typeof s === "string" && s ? s.split(",") : []);

function wantedOf(v: HouseholdValues): Snapshot {
  const out: Snapshot = {};
  if (v.contactName !== undefined) out.contact_name = v.contactName;
  if (v.contactEmail !== undefined) out.contact_email = v.contactEmail;
  if (v.contactPhone !== undefined) out.contact_phone = v.contactPhone;
  if (v.street !== undefined) out.street = v.street;
  if (v.districtId !== undefined) out.district_id = v.districtId;
  if (v.adults !== undefined) out.adults = v.adults;
  if (v.notes !== undefined) out.notes = v.notes;
  if (v.languages !== undefined) out.languages = list(v.languages);
  if (v.childrenYears !== undefined) out.children = list(v.childrenYears);
  return out;
}

const COLUMNS = ["contact_name", "contact_email", "contact_phone", "street", "district_id", "adults", "notes", "consent_pending"] as const;

export const householdOps: EntityOps = {
  async snapshot(db, ids) {
    const out = new Map<string, Snapshot>();
    const nums = ids.map(Number).filter((n) => Number.isInteger(n));
    if (!nums.length) return out;
    const rows = await db.selectFrom("household").select(["id", ...COLUMNS]).where("id", "in", nums).where("erased_at", "is", null).execute();
    const [langs, kids] = await Promise.all([
      db.selectFrom("household_language").select(["household_id", "language_code"]).where("household_id", "in", nums).execute(),
      db.selectFrom("household_child").select(["household_id", "birth_year"]).where("household_id", "in", nums).execute(),
    ]);
    for (const r of rows) {
      const { id, ...rest } = r;
      out.set(String(id), {
        ...rest,
        languages: list(langs.filter((l) => l.household_id === id).map((l) => l.language_code)),
        children: list(kids.filter((k) => k.household_id === id).map((k) => k.birth_year)),
      });
    }
    return out;
  },
  async write(trx, id, values, at) {
    const hid = Number(id);
    const cols: Record<string, unknown> = {};
    for (const c of COLUMNS) if (values[c] !== undefined) cols[c] = values[c];
    if (typeof values.contact_name === "string") cols.contact_name_key = germanSortKey(values.contact_name);
    if (Object.keys(cols).length) await trx.updateTable("household").set({ ...cols, updated_at: at }).where("id", "=", hid).execute();
    if (values.languages !== undefined) {
      await trx.deleteFrom("household_language").where("household_id", "=", hid).execute();
      const rows = split(values.languages).map((language_code) => ({ household_id: hid, language_code }));
      if (rows.length) await trx.insertInto("household_language").values(rows).execute();
    }
    if (values.children !== undefined) {
      await trx.deleteFrom("household_child").where("household_id", "=", hid).execute();
      const rows = split(values.children).map((y) => ({ household_id: hid, birth_year: Number(y) }));
      if (rows.length) await trx.insertInto("household_child").values(rows).execute();
    }
  },
  async inUse(db, ids) {
    const used = new Set<string>();
    const nums = ids.map(Number);
    if (!nums.length) return used;
    // A consent recorded, a sponsorship request or a need that is no longer just open: the household is in use.
    for (const r of await db.selectFrom("household_consent").select("household_id as id").where("household_id", "in", nums).execute()) used.add(String(r.id));
    for (const r of await db.selectFrom("sponsorship_request").select("household_id as id").where("household_id", "in", nums).execute()) used.add(String(r.id));
    for (const r of await db
      .selectFrom("donation_need")
      .select("household_id as id")
      .where("household_id", "in", nums)
      .where((eb) => eb.or([eb("status", "!=", "open"), eb("quantity_covered", ">", 0)]))
      .execute())
      used.add(String(r.id));
    return used;
  },
  async remove(trx, ids) {
    const nums = ids.map(Number);
    if (!nums.length) return;
    const needs = (await trx.selectFrom("donation_need").select("id").where("household_id", "in", nums).execute()).map((n) => n.id);
    if (needs.length) {
      await trx.deleteFrom("donation_need_history").where("need_id", "in", needs).execute();
      await trx.deleteFrom("donation_need").where("id", "in", needs).execute();
    }
    for (const t of ["household_language", "household_child"] as const) await trx.deleteFrom(t).where("household_id", "in", nums).execute();
    await trx.deleteFrom("import_external_id").where("kind", "=", "households").where("entity_id", "in", ids).execute();
    await trx.deleteFrom("household").where("id", "in", nums).execute();
  },
};

export const needOps: EntityOps = {
  async snapshot(db, ids) {
    const nums = ids.map(Number).filter((n) => Number.isInteger(n));
    if (!nums.length) return new Map();
    const rows = await db.selectFrom("donation_need").select(["id", "category_id", "size", "season", "quantity", "quantity_covered", "status"]).where("id", "in", nums).execute();
    return new Map(rows.map(({ id, ...rest }) => [String(id), rest]));
  },
  async write(trx, id, values, at) {
    const cols: Record<string, unknown> = {};
    for (const c of ["size", "season", "quantity"]) if (values[c] !== undefined) cols[c] = values[c];
    if (Object.keys(cols).length) await trx.updateTable("donation_need").set({ ...cols, updated_at: at }).where("id", "=", Number(id)).execute();
  },
  async inUse(db, ids) {
    const nums = ids.map(Number);
    if (!nums.length) return new Set();
    return new Set((await db.selectFrom("donation_match").select("need_id").where("need_id", "in", nums).execute()).map((r) => String(r.need_id)));
  },
  async remove(trx, ids) {
    const nums = ids.map(Number);
    if (!nums.length) return;
    await trx.deleteFrom("donation_need_history").where("need_id", "in", nums).execute();
    await trx.deleteFrom("donation_need").where("id", "in", nums).execute();
  },
};

/** Opens the row's needs for a household (those not open there already with the same category, size and season). */
async function addNeeds(trx: Kysely<DB>, batch: { id: number; createdBy: string }, rowNo: number, householdId: number, needs: NeedValues[], ctx: HouseholdContext, now: Date): Promise<number> {
  if (!needs.length) return 0;
  const at = now.toISOString();
  const open = await trx.selectFrom("donation_need").select(["category_id", "size", "season"]).where("household_id", "=", householdId).where("status", "=", "open").execute();
  const key = (c: number, s: string | null, se: string | null) => `${c}|${s ?? ""}|${se ?? ""}`;
  const have = new Set(open.map((o) => key(o.category_id, o.size, o.season)));
  const made: { rowNo: number; id: string }[] = [];
  for (const n of needs) {
    const category = ctx.categoryById.get(n.categoryId)!;
    const sized = sizeFor(category, n.size, n.season);
    if (have.has(key(n.categoryId, sized.size, sized.season))) continue;
    have.add(key(n.categoryId, sized.size, sized.season));
    const { id } = await trx
      .insertInto("donation_need")
      .values({ household_id: householdId, category_id: n.categoryId, ...sized, quantity: n.quantity, urgency: "normal", note: null, status: "open", created_by: batch.createdBy, created_at: at, updated_at: at, fulfilled_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("donation_need_history").values({ need_id: id, from_status: null, to_status: "open", covered: 0, changed_by: batch.createdBy, reason: "import", changed_at: at }).execute();
    made.push({ rowNo, id: String(id) });
  }
  await recordCreated(trx, needOps, { batchId: batch.id, entity: "donation_need", items: made, now });
  return made.length;
}

export const householdHandler: KindHandler<HouseholdValues, HouseholdContext> = {
  kind: "households",
  context: loadContext,
  validate: validateHouseholdRow,
  fileKeys: (v) => [...(v.externalId ? [["externalId", v.externalId] as [string, string]] : []), ...(v.contactEmail ? [["contactEmail", v.contactEmail] as [string, string]] : [])],
  async match(db, values) {
    const ext = await byExternalId(db, "households", values.map((v) => v.externalId));
    const codes = [...new Set(values.map((v) => v.externalId?.toUpperCase()).filter((c): c is string => !!c && CODE.test(c)))];
    const byCode = new Map<string, string>();
    if (codes.length) for (const r of await db.selectFrom("household").select(["id", "code"]).where("code", "in", codes).where("erased_at", "is", null).execute()) byCode.set(r.code, String(r.id));
    const live = new Set<string>();
    if (ext.size) for (const r of await db.selectFrom("household").select("id").where("id", "in", [...ext.values()].map(Number)).where("erased_at", "is", null).execute()) live.add(String(r.id));
    const emails = [...new Set(values.map((v) => v.contactEmail).filter((e): e is string => !!e))];
    const byEmail = new Map<string, string>();
    if (emails.length) for (const r of await db.selectFrom("household").select(["id", "contact_email"]).where("contact_email", "in", emails).where("erased_at", "is", null).execute()) byEmail.set(r.contact_email!, String(r.id));
    const names = [...new Set(values.filter((v) => v.contactName && v.street).map((v) => germanSortKey(v.contactName!)))];
    const candidates = new Map<string, string>();
    if (names.length) {
      for (const r of await db.selectFrom("household").select(["id", "contact_name_key", "street"]).where("contact_name_key", "in", names).where("erased_at", "is", null).execute()) candidates.set(`${r.contact_name_key}|${fold(r.street ?? "")}`, String(r.id));
    }
    return {
      firm: (v): Firm | undefined => {
        const byExt = v.externalId ? ext.get(v.externalId) : undefined;
        if (byExt && live.has(byExt)) return { id: byExt };
        const code = v.externalId ? byCode.get(v.externalId.toUpperCase()) : undefined;
        if (code) return { id: code };
        const mail = v.contactEmail ? byEmail.get(v.contactEmail) : undefined;
        return mail ? { id: mail } : undefined;
      },
      candidate: (v) => (v.contactName && v.street ? candidates.get(`${germanSortKey(v.contactName)}|${fold(v.street)}`) : undefined),
    };
  },
  missingForCreate(v, mapping) {
    const errors: CellErrors = {};
    if (!v.contactName) addError(errors, columnOf(mapping, "contactName", "firstName", "lastName"), "errors.required");
    if (v.districtId === undefined) addError(errors, columnOf(mapping, "district"), "errors.required");
    if (v.adults === undefined) addError(errors, columnOf(mapping, "adults"), "errors.required");
    return errors;
  },
  // A need is opened for a household only with its donations consent in force (as the need form does);
  // a household the import brought in, whose consent is still to be recorded, takes further needs.
  async checkUpdate(db, targetId, values, mapping) {
    if (!values.needs.length) return {};
    const h = await db.selectFrom("household").select("consent_pending").where("id", "=", Number(targetId)).executeTakeFirst();
    if (!h || h.consent_pending || (await hasDonationsConsent(db, Number(targetId)))) return {};
    const errors: CellErrors = {};
    addError(errors, columnOf(mapping, `need${values.needs[0].slot}Category`), "donations:errors.noConsent");
    return errors;
  },
  async describe(db, ids) {
    const rows = await db
      .selectFrom("household as h")
      .leftJoin("district as d", "d.id", "h.district_id")
      .select(["h.id", "h.code", "h.contact_name", "h.street", "d.name as district"])
      .where("h.id", "in", ids.map(Number))
      .where("h.erased_at", "is", null)
      .execute();
    return new Map(rows.map((r) => [String(r.id), { name: r.contact_name ?? r.code, detail: [r.code, r.street, r.district].filter(Boolean).join(", ") }]));
  },
  // Existing households shown next to the sheet's rows: each is a view for the privacy desk's access log.
  async recordViews(actor, ids) {
    await transaction(async (trx) => {
      for (const id of new Set(ids)) await recordView(trx, { actorUserId: actor.userId, entity: "household", entityId: Number(id), via: "import-review" });
    });
  },
  async create(trx, batch, items, now, ctx) {
    const failed = new Map<number, string>();
    if (!items.length) return failed;
    const at = now.toISOString();
    const made: { rowNo: number; id: string; externalId?: string }[] = [];
    const withNeeds: { rowNo: number; id: number; needs: NeedValues[] }[] = [];
    for (const it of items) {
      const v = it.values;
      let code = newHouseholdCode();
      while (await trx.selectFrom("household").select("id").where("code", "=", code).executeTakeFirst()) code = newHouseholdCode();
      const { id } = await trx
        .insertInto("household")
        .values({
          code,
          contact_name: v.contactName!,
          contact_name_key: germanSortKey(v.contactName!),
          contact_phone: v.contactPhone ?? null,
          contact_email: v.contactEmail ?? null,
          street: v.street ?? null,
          district_id: v.districtId!,
          adults: v.adults!,
          notes: v.notes ?? null,
          erased_at: null,
          created_by: batch.createdBy,
          created_at: at,
          updated_at: at,
          consent_pending: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (v.languages?.length) await trx.insertInto("household_language").values(v.languages.map((language_code) => ({ household_id: id, language_code }))).execute();
      if (v.childrenYears?.length) await trx.insertInto("household_child").values(v.childrenYears.map((birth_year) => ({ household_id: id, birth_year }))).execute();
      made.push({ rowNo: it.rowNo, id: String(id), externalId: v.externalId && !CODE.test(v.externalId.toUpperCase()) ? v.externalId : undefined });
      withNeeds.push({ rowNo: it.rowNo, id, needs: v.needs });
    }
    await rememberExternalIds(trx, "households", batch.id, made, now);
    await recordCreated(trx, householdOps, { batchId: batch.id, entity: "household", items: made, now });
    for (const h of withNeeds) await addNeeds(trx, batch, h.rowNo, h.id, h.needs, ctx, now);
    return failed;
  },
  async update(trx, batch, rowNo, targetId, values, now, ctx) {
    if (values.externalId && !CODE.test(values.externalId.toUpperCase())) await rememberExternalIds(trx, "households", batch.id, [{ externalId: values.externalId, id: targetId }], now);
    const result = await applyUpdate(trx, householdOps, { batchId: batch.id, rowNo, entity: "household", id: targetId, wanted: wantedOf(values), now });
    if (result === "gone") return result;
    const added = await addNeeds(trx, batch, rowNo, Number(targetId), values.needs, ctx, now);
    return added ? "updated" : result;
  },
};

/** The households of a batch whose consent is still to be recorded (for the report). */
export async function pendingConsentCount(batchId: number, db: Kysely<DB> = getDb()): Promise<number> {
  const created = await db.selectFrom("import_change").select("entity_id").where("batch_id", "=", batchId).where("entity", "=", "household").where("op", "=", "create").execute();
  let n = 0;
  for (let i = 0; i < created.length; i += 500) {
    const part = created.slice(i, i + 500).map((c) => Number(c.entity_id));
    const r = await db.selectFrom("household").select((eb) => eb.fn.countAll<number>().as("n")).where("id", "in", part).where("consent_pending", "=", 1).executeTakeFirst();
    n += Number(r?.n ?? 0);
  }
  return n;
}
