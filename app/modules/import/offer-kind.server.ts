import { sizeFor } from "~/modules/donations/needs.server";
import { categoryName, categoryNameColumns } from "~/modules/donations/category-names";
import { CONDITIONS, DELIVERIES, MAX_OFFER_DAYS, OfferSchema } from "~/modules/donations/schema";
import { addDaysToDay, berlinDay } from "~/utils/dates";

import { plainText } from "~/utils/validation";
import { addError, applyUpdate, byExternalId, columnOf, recordCreated, rememberExternalIds, type CellErrors, type EntityOps, type KindHandler, type Snapshot } from "./kind.server";
import { categoryOf, loadDonationContext, type HouseholdContext } from "./household-kind.server";
import { isoDayOf } from "./organisation-kind.server";
import { checkFields, rowReader } from "./rows.server";
import { fold } from "./volunteer-rows.server";

/**
 * Donation offers from the office's lists: checked with the offer form's own rules (`OfferSchema`
 * for guests: the donor's name and e-mail are needed). Matched by stable id only; the same donor's
 * open offer of the same category is a possible duplicate. Imported offers were taken in by the
 * office itself, so they are accepted at once (no review task, no mail to the donor); the office's
 * lists carry no manage link, the expiry notice sends the donor one as for every offer.
 */
export type OfferValues = {
  externalId?: string;
  donorName?: string;
  donorEmail?: string;
  donorPhone?: string;
  categoryId?: number;
  description?: string;
  size?: string;
  season?: "summer" | "winter" | "all";
  quantity?: number;
  condition?: (typeof CONDITIONS)[number];
  availableUntil?: string;
  districtId?: number;
  pickupStreet?: string;
  delivery?: (typeof DELIVERIES)[number];
};

type Ctx = HouseholdContext & { today: string };

const CONDITION_WORDS: Record<string, (typeof CONDITIONS)[number]> = { neu: "new", new: "new", neuwertig: "good", gut: "good", sehrgut: "good", good: "good", verygood: "good", gebraucht: "used", used: "used" };
const DELIVERY_WORDS: Record<string, (typeof DELIVERIES)[number]> = {
  bringt: "donor_brings", bringtvorbei: "donor_brings", spenderbringt: "donor_brings", bringen: "donor_brings", donorbrings: "donor_brings", brings: "donor_brings", dropoff: "donor_brings",
  abholung: "needs_pickup", abholen: "needs_pickup", mussabgeholtwerden: "needs_pickup", needspickup: "needs_pickup", pickup: "needs_pickup", collect: "needs_pickup",
};
const SEASON_WORDS: Record<string, "summer" | "winter" | "all"> = { sommer: "summer", summer: "summer", winter: "winter", ganzjaehrig: "all", alle: "all", all: "all", allyear: "all" };
const SHAPE = OfferSchema(true).innerType().shape as unknown as Record<string, import("zod").ZodTypeAny>;
const EXTERNAL = plainText(60);

export function validateOfferRow(cells: readonly string[], mapping: readonly (string | null)[], ctx: Ctx): { values: OfferValues; errors: CellErrors } {
  const errors: CellErrors = {};
  const { cell, col } = rowReader(cells, mapping);
  const input: Record<string, { value: unknown; col: number }> = {};
  for (const f of ["donorName", "donorEmail", "donorPhone", "description", "pickupStreet", "quantity"] as const) {
    const v = cell(f);
    if (v !== undefined) input[f] = { value: v, col: col(f) };
  }
  const category = cell("category");
  let cat: ReturnType<typeof categoryOf>;
  if (category !== undefined) {
    cat = categoryOf(ctx, category);
    if (!cat) addError(errors, col("category"), "donations:errors.unknownCategory");
    else if (cat.tested_only) addError(errors, col("category"), "donations:errors.testedOnly");
    else input.categoryId = { value: cat.id, col: col("category") };
  }
  const size = cell("size");
  if (size !== undefined && (!cat || cat.size_kind !== "none")) input.size = { value: size, col: col("size") };
  const season = cell("season");
  if (season !== undefined && (!cat || cat.seasonal)) input.season = { value: SEASON_WORDS[fold(season)] ?? season, col: col("season") };
  const condition = cell("condition");
  if (condition !== undefined) input.condition = { value: CONDITION_WORDS[fold(condition)] ?? condition, col: col("condition") };
  const delivery = cell("delivery");
  if (delivery !== undefined) input.delivery = { value: DELIVERY_WORDS[fold(delivery)] ?? delivery, col: col("delivery") };
  const district = cell("district");
  if (district !== undefined) {
    const id = ctx.districts.get(fold(district));
    if (id === undefined) addError(errors, col("district"), "errors.invalidChoice");
    else input.districtId = { value: id, col: col("district") };
  }
  const until = cell("availableUntil");
  if (until !== undefined) input.availableUntil = { value: isoDayOf(until), col: col("availableUntil") };
  const values = checkFields(SHAPE, input, errors) as OfferValues;
  // The offer form's rules beyond the fields: availability between today and half a year ahead, a street to pick up from.
  if (values.availableUntil !== undefined) {
    if (values.availableUntil < ctx.today) addError(errors, col("availableUntil"), "donations:errors.untilPast");
    else if (values.availableUntil > addDaysToDay(ctx.today, MAX_OFFER_DAYS)) addError(errors, col("availableUntil"), "donations:errors.untilTooFar");
  }
  if (values.delivery === "needs_pickup" && !values.pickupStreet) addError(errors, columnOf(mapping, "pickupStreet", "delivery"), "donations:errors.pickupStreetRequired");
  const ext = cell("externalId");
  if (ext !== undefined) {
    const r = EXTERNAL.safeParse(ext);
    if (r.success) values.externalId = r.data;
    else for (const i of r.error.issues) addError(errors, col("externalId"), i.message);
  }
  if (!values.externalId && !values.donorEmail && !Object.keys(errors).length) addError(errors, columnOf(mapping, "donorEmail", "externalId"), "import:errors.noIdentity");
  return { values, errors };
}

function wantedOf(v: OfferValues, ctx: Ctx): Snapshot {
  const out: Snapshot = {};
  if (v.donorName !== undefined) out.donor_name = v.donorName;
  if (v.donorEmail !== undefined) out.donor_email = v.donorEmail;
  if (v.donorPhone !== undefined) out.donor_phone = v.donorPhone;
  if (v.categoryId !== undefined) out.category_id = v.categoryId;
  const cat = v.categoryId !== undefined ? ctx.categoryById.get(v.categoryId) : undefined;
  if (v.size !== undefined && cat) out.size = sizeFor(cat, v.size, undefined).size;
  if (v.season !== undefined && cat?.seasonal) out.season = v.season;
  if (v.quantity !== undefined) out.quantity = v.quantity;
  if (v.condition !== undefined) out.condition = v.condition;
  if (v.description !== undefined) out.description = v.description;
  if (v.districtId !== undefined) out.pickup_district_id = v.districtId;
  if (v.pickupStreet !== undefined) out.pickup_street = v.pickupStreet;
  if (v.availableUntil !== undefined) out.available_until = v.availableUntil;
  if (v.delivery !== undefined) out.delivery = v.delivery;
  return out;
}

const COLUMNS = ["donor_name", "donor_email", "donor_phone", "category_id", "size", "season", "quantity", "condition", "description", "pickup_district_id", "pickup_street", "available_until", "delivery", "status", "review_state", "quantity_reserved"] as const;

export const offerOps: EntityOps = {
  async snapshot(db, ids) {
    const nums = ids.map(Number).filter((n) => Number.isInteger(n));
    if (!nums.length) return new Map();
    const rows = await db.selectFrom("donation_offer").select(["id", ...COLUMNS]).where("id", "in", nums).execute();
    return new Map(rows.map(({ id, ...rest }) => [String(id), rest]));
  },
  async write(trx, id, values, at) {
    const cols: Record<string, unknown> = {};
    for (const c of COLUMNS) if (values[c] !== undefined) cols[c] = values[c];
    if (Object.keys(cols).length) await trx.updateTable("donation_offer").set({ ...cols, updated_at: at }).where("id", "=", Number(id)).execute();
  },
  async inUse(db, ids) {
    const nums = ids.map(Number);
    if (!nums.length) return new Set();
    return new Set((await db.selectFrom("donation_match").select("offer_id").where("offer_id", "in", nums).execute()).map((r) => String(r.offer_id)));
  },
  async remove(trx, ids) {
    const nums = ids.map(Number);
    if (!nums.length) return;
    await trx.deleteFrom("donation_offer_link").where("offer_id", "in", nums).execute();
    await trx.deleteFrom("donation_offer_photo").where("offer_id", "in", nums).execute();
    await trx.deleteFrom("import_external_id").where("kind", "=", "donation-offers").where("entity_id", "in", ids).execute();
    await trx.deleteFrom("donation_offer").where("id", "in", nums).execute();
  },
};

export const offerHandler: KindHandler<OfferValues, Ctx> = {
  kind: "donation-offers",
  context: async (db) => ({ ...(await loadDonationContext(db)), today: berlinDay(new Date()) }),
  validate: validateOfferRow,
  fileKeys: (v) => (v.externalId ? [["externalId", v.externalId]] : []),
  async match(db, values) {
    const ext = await byExternalId(db, "donation-offers", values.map((v) => v.externalId));
    const live = new Set<string>();
    if (ext.size) for (const r of await db.selectFrom("donation_offer").select("id").where("id", "in", [...ext.values()].map(Number)).execute()) live.add(String(r.id));
    const emails = [...new Set(values.map((v) => v.donorEmail).filter((e): e is string => !!e))];
    const candidates = new Map<string, string>();
    if (emails.length) {
      for (const r of await db.selectFrom("donation_offer").select(["id", "donor_email", "category_id"]).where("donor_email", "in", emails).where("status", "=", "open").execute()) candidates.set(`${r.donor_email}|${r.category_id}`, String(r.id));
    }
    return {
      firm: (v) => {
        const id = v.externalId ? ext.get(v.externalId) : undefined;
        return id && live.has(id) ? { id } : undefined;
      },
      candidate: (v) => (v.donorEmail && v.categoryId ? candidates.get(`${v.donorEmail}|${v.categoryId}`) : undefined),
    };
  },
  missingForCreate(v, mapping) {
    const errors: CellErrors = {};
    const need = (ok: boolean, field: string) => {
      if (!ok) addError(errors, columnOf(mapping, field), "errors.required");
    };
    need(!!v.donorName, "donorName");
    need(!!v.donorEmail, "donorEmail");
    need(v.categoryId !== undefined, "category");
    need(!!v.condition, "condition");
    need(!!v.availableUntil, "availableUntil");
    need(v.districtId !== undefined, "district");
    return errors;
  },
  async describe(db, ids, lang) {
    const rows = await db
      .selectFrom("donation_offer as o")
      .innerJoin("donation_category as c", "c.id", "o.category_id")
      .select(["o.id", "o.donor_name", "o.donor_email", ...categoryNameColumns("c"), "o.quantity", "o.available_until"])
      .where("o.id", "in", ids.map(Number))
      .execute();
    // The category in the office member's language (German where it has no name in it).
    return new Map(rows.map((r) => [String(r.id), { name: r.donor_name ?? r.donor_email ?? "", detail: [categoryName(r, lang), `${r.quantity}×`, r.available_until].join(", ") }]));
  },
  async create(trx, batch, items, now, ctx) {
    const failed = new Map<number, string>();
    if (!items.length) return failed;
    const at = now.toISOString();
    const made: { rowNo: number; id: string; externalId?: string }[] = [];
    for (const it of items) {
      const v = it.values;
      const cat = ctx.categoryById.get(v.categoryId!);
      if (!cat) {
        failed.set(it.rowNo, "import:outcome.invalid");
        continue;
      }
      const { id } = await trx
        .insertInto("donation_offer")
        .values({
          donor_user_id: null,
          donor_name: v.donorName!,
          donor_email: v.donorEmail!,
          donor_phone: v.donorPhone ?? null,
          donor_locale: "de",
          category_id: cat.id,
          ...sizeFor(cat, v.size, v.season),
          quantity: v.quantity ?? 1,
          quantity_reserved: 0,
          condition: v.condition!,
          description: v.description ?? null,
          pickup_district_id: v.districtId!,
          pickup_street: v.pickupStreet ?? null,
          available_until: v.availableUntil!,
          delivery: v.delivery ?? (v.pickupStreet ? "needs_pickup" : "donor_brings"),
          manage_token_hash: null,
          confirmed_at: at,
          review_state: "accepted",
          review_reason: null,
          reviewed_by: batch.createdBy,
          reviewed_at: at,
          status: "open",
          expiry_notice_sent_at: null,
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      made.push({ rowNo: it.rowNo, id: String(id), externalId: v.externalId });
    }
    await rememberExternalIds(trx, "donation-offers", batch.id, made, now);
    await recordCreated(trx, offerOps, { batchId: batch.id, entity: "donation_offer", items: made, now });
    return failed;
  },
  async update(trx, batch, rowNo, targetId, values, now, ctx) {
    await rememberExternalIds(trx, "donation-offers", batch.id, [{ externalId: values.externalId, id: targetId }], now);
    return applyUpdate(trx, offerOps, { batchId: batch.id, rowNo, entity: "donation_offer", id: targetId, wanted: wantedOf(values, ctx), now });
  },
};
