import { legalFormOf } from "~/modules/associations/lookups.server";
import { organisationColumns, profileColumns } from "~/modules/associations/register.server";
import { ProfileSchema, type AssociationKind } from "~/modules/associations/schema";
import { plainText } from "~/utils/validation";
import { germanSortKey } from "~/utils/text-keys";
import { addError, applyUpdate, byExternalId, columnOf, recordCreated, rememberExternalIds, type CellErrors, type EntityOps, type Firm, type KindHandler, type Snapshot } from "./kind.server";
import { checkFields, rowReader } from "./rows.server";
import { fieldIdsOf, fold, languageCodesOf, loadReferences, NO, YES, type References } from "./volunteer-rows.server";

/**
 * Associations and initiatives: one row per organisation, checked with the association profile
 * form's own rules (`ProfileSchema`). Matched by stable id, register number, then e-mail; the
 * same name and street is a possible duplicate. New ones are pending (nothing public) unless the
 * office said in the dry run that they are already verified.
 */
export type OrganisationValues = {
  externalId?: string;
  name?: string;
  kind?: AssociationKind;
  registerCourt?: string;
  registerNumber?: string;
  street?: string;
  postalCode?: string;
  town?: string;
  districtId?: number;
  email?: string;
  website?: string;
  description?: string;
  fields?: number[];
  languages?: string[];
  barrierFree?: boolean;
  fees?: string;
  reducedFees?: string;
  insurer?: string;
  policyNumber?: string;
  policyValidUntil?: string;
};

const KIND_WORDS: Record<string, AssociationKind> = {
  ev: "registered_association", eingetragenerverein: "registered_association", verein: "registered_association", registeredassociation: "registered_association", registered_association: "registered_association", association: "registered_association",
  initiative: "initiative", gruppe: "initiative", nichteingetragenerverein: "initiative", group: "initiative",
  kirche: "church", kirchengemeinde: "church", gemeinde: "church", religionsgemeinschaft: "church", moscheegemeinde: "church", church: "church", religiouscommunity: "church",
  behoerde: "public_body", oeffentlich: "public_body", stadt: "public_body", kommune: "public_body", oeffentlichestelle: "public_body", publicbody: "public_body", public_body: "public_body", public: "public_body",
  sonstige: "other", sonstiges: "other", andere: "other", other: "other",
};

/** "12.03.2027" or "2027-03-12" → "2027-03-12"; anything else goes to the form's rule as typed. */
export function isoDayOf(cell: string): string {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(cell);
  return m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : cell;
}

const SHAPE = ProfileSchema.innerType().shape as unknown as Record<string, import("zod").ZodTypeAny>;
const EXTERNAL = plainText(60);
const tidyRegister = (s: string) => s.replace(/\s+/g, "").toUpperCase();
const tidyStreet = (s: string | null | undefined) => fold(s ?? "").replace(/strasse$|str$/, "");

export function validateOrganisationRow(cells: readonly string[], mapping: readonly (string | null)[], refs: References): { values: OrganisationValues; errors: CellErrors } {
  const errors: CellErrors = {};
  const { cell, col } = rowReader(cells, mapping);
  const input: Record<string, { value: unknown; col: number }> = {};
  for (const f of ["name", "registerCourt", "registerNumber", "street", "postalCode", "town", "email", "website", "description", "fees", "reducedFees", "insurer", "policyNumber"] as const) {
    const v = cell(f);
    if (v !== undefined) input[f] = { value: v, col: col(f) };
  }
  const until = cell("policyValidUntil");
  if (until !== undefined) input.policyValidUntil = { value: isoDayOf(until), col: col("policyValidUntil") };
  const kind = cell("legalForm");
  if (kind !== undefined) input.kind = { value: KIND_WORDS[fold(kind)] ?? KIND_WORDS[kind.toLowerCase()] ?? kind, col: col("legalForm") };
  const district = cell("district");
  if (district !== undefined) {
    const id = refs.districts.get(fold(district));
    if (id === undefined) addError(errors, col("district"), "errors.invalidChoice");
    else input.districtId = { value: id, col: col("district") };
  }
  const fields = cell("fields");
  if (fields !== undefined) {
    const ids = fieldIdsOf(fields, refs);
    if (!ids) addError(errors, col("fields"), "errors.invalidChoice");
    else input.fields = { value: ids, col: col("fields") };
  }
  const languages = cell("languages");
  if (languages !== undefined) {
    const parsed = languageCodesOf(languages, refs);
    if (parsed.unknown.length) addError(errors, col("languages"), `import:errors.unknownLanguage|${JSON.stringify({ value: parsed.unknown.join(", ").slice(0, 80) })}`);
    else input.languages = { value: parsed.codes, col: col("languages") };
  }
  const free = cell("barrierFree");
  if (free !== undefined) {
    const k = free.toLowerCase();
    if (YES.has(k)) input.barrierFree = { value: "on", col: col("barrierFree") };
    else if (NO.has(k)) input.barrierFree = { value: "off", col: col("barrierFree") };
    else addError(errors, col("barrierFree"), "errors.invalidChoice");
  }
  const values = checkFields(SHAPE, input, errors) as OrganisationValues;
  const ext = cell("externalId");
  if (ext !== undefined) {
    const r = EXTERNAL.safeParse(ext);
    if (r.success) values.externalId = r.data;
    else for (const i of r.error.issues) addError(errors, col("externalId"), i.message);
  }
  if (values.registerNumber) values.registerNumber = values.registerNumber.replace(/\s+/g, " ");
  if (!values.externalId && !values.registerNumber && !values.email && !values.name && !Object.keys(errors).length) addError(errors, columnOf(mapping, "name", "email", "registerNumber", "externalId"), "import:errors.noIdentity");
  return { values, errors };
}

/** What a new association needs: the registration form's required fields and its rule for registered associations. */
export function missingOrganisationFields(v: OrganisationValues, mapping: readonly (string | null)[]): CellErrors {
  const errors: CellErrors = {};
  const need = (ok: boolean, field: string, key = "errors.required") => {
    if (!ok) addError(errors, columnOf(mapping, field), key);
  };
  need(!!v.name, "name");
  need(!!v.kind, "legalForm");
  need(!!v.street, "street");
  need(!!v.postalCode, "postalCode");
  need(!!v.town, "town");
  need(v.districtId !== undefined, "district");
  need(!!v.email, "email");
  need(!!v.fields?.length, "fields", "associations:errors.fieldRequired");
  need(!!v.languages?.length, "languages", "associations:errors.languageRequired");
  if (v.kind === "registered_association") {
    need(!!v.registerCourt, "registerCourt", "associations:errors.registerRequired");
    need(!!v.registerNumber, "registerNumber", "associations:errors.registerRequired");
    need(!!v.insurer, "insurer", "errors.policyRequired");
    need(!!v.policyNumber, "policyNumber", "errors.policyRequired");
    need(!!v.policyValidUntil, "policyValidUntil", "errors.policyRequired");
  }
  return errors;
}

const list = (xs: (string | number)[]) => xs.map(String).sort().join(",");
const ids = (s: string | null | undefined) => (s ? s.split(",") : []);

/** The snapshot fields a row's values set (only non-blank cells are values). */
function wantedOf(v: OrganisationValues): Snapshot {
  const out: Snapshot = {};
  if (v.name !== undefined) out.name = v.name;
  if (v.kind !== undefined) out.kind = v.kind;
  if (v.email !== undefined) out.email = v.email;
  if (v.street !== undefined) out.street = v.street;
  if (v.postalCode !== undefined) out.postal_code = v.postalCode;
  if (v.town !== undefined) out.town = v.town;
  if (v.website !== undefined) out.website = v.website;
  if (v.registerCourt !== undefined) out.register_court = v.registerCourt;
  if (v.registerNumber !== undefined) out.register_number = v.registerNumber;
  if (v.insurer !== undefined) out.insurer = v.insurer;
  if (v.policyNumber !== undefined) out.policy_number = v.policyNumber;
  if (v.policyValidUntil !== undefined) out.policy_valid_until = v.policyValidUntil;
  if (v.districtId !== undefined) out.district_id = v.districtId;
  if (v.description !== undefined) out.description = v.description;
  if (v.fees !== undefined) out.fees = v.fees;
  if (v.reducedFees !== undefined) out.reduced_fees = v.reducedFees;
  if (v.barrierFree !== undefined) out.barrier_free = v.barrierFree ? 1 : 0;
  if (v.fields !== undefined) out.fields = list(v.fields.map((x) => String(x).padStart(6, "0")));
  if (v.languages !== undefined) out.languages = list(v.languages);
  return out;
}

const ORG_COLUMNS = ["name", "email", "street", "postal_code", "town", "website", "insurer", "policy_number", "policy_valid_until"] as const;
const PROFILE_COLUMNS = ["kind", "register_court", "register_number", "district_id", "description", "fees", "reduced_fees", "barrier_free", "status"] as const;

export const organisationOps: EntityOps = {
  async snapshot(db, idList) {
    const out = new Map<string, Snapshot>();
    const nums = idList.map(Number).filter((n) => Number.isInteger(n));
    if (!nums.length) return out;
    const rows = await db
      .selectFrom("organisation as o")
      .innerJoin("association_profile as p", "p.organisation_id", "o.id")
      .select(["o.id", ...ORG_COLUMNS.map((c) => `o.${c}` as const), ...PROFILE_COLUMNS.map((c) => `p.${c}` as const)])
      .where("o.id", "in", nums)
      .execute();
    const [fields, langs] = await Promise.all([
      db.selectFrom("association_field").select(["organisation_id", "field_id"]).where("organisation_id", "in", nums).execute(),
      db.selectFrom("association_language").select(["organisation_id", "language_code"]).where("organisation_id", "in", nums).execute(),
    ]);
    for (const r of rows) {
      const { id, ...rest } = r as Record<string, string | number | null> & { id: number };
      out.set(String(id), {
        ...rest,
        fields: list(fields.filter((f) => f.organisation_id === id).map((f) => String(f.field_id).padStart(6, "0"))),
        languages: list(langs.filter((l) => l.organisation_id === id).map((l) => l.language_code)),
      });
    }
    return out;
  },
  async write(trx, id, values, at) {
    const orgId = Number(id);
    const org: Record<string, unknown> = {};
    for (const c of ORG_COLUMNS) if (values[c] !== undefined) org[c] = values[c];
    if (typeof values.name === "string") org.name_key = germanSortKey(values.name);
    if (typeof values.kind === "string") org.legal_form = legalFormOf(values.kind as AssociationKind);
    if (Object.keys(org).length) await trx.updateTable("organisation").set({ ...org, updated_at: at }).where("id", "=", orgId).execute();
    const profile: Record<string, unknown> = {};
    for (const c of PROFILE_COLUMNS) if (values[c] !== undefined) profile[c] = values[c];
    if (Object.keys(profile).length) await trx.updateTable("association_profile").set({ ...profile, updated_at: at }).where("organisation_id", "=", orgId).execute();
    if (values.fields !== undefined) {
      await trx.deleteFrom("association_field").where("organisation_id", "=", orgId).execute();
      const rows = ids(values.fields as string).map((f) => ({ organisation_id: orgId, field_id: Number(f) }));
      if (rows.length) await trx.insertInto("association_field").values(rows).execute();
    }
    if (values.languages !== undefined) {
      await trx.deleteFrom("association_language").where("organisation_id", "=", orgId).execute();
      const rows = ids(values.languages as string).map((language_code) => ({ organisation_id: orgId, language_code }));
      if (rows.length) await trx.insertInto("association_language").values(rows).execute();
    }
  },
  async inUse(db, idList) {
    const used = new Set<string>();
    const nums = idList.map(Number);
    if (!nums.length) return used;
    // Members, offers, a seal application, an assignment or a programme: the association is in use.
    for (const r of await db.selectFrom("organisation_member").select("organisation_id as id").where("organisation_id", "in", nums).execute()) used.add(String(r.id));
    for (const r of await db.selectFrom("association_offer").select("organisation_id as id").where("organisation_id", "in", nums).execute()) used.add(String(r.id));
    for (const r of await db.selectFrom("seal_application").select("organisation_id as id").where("organisation_id", "in", nums).execute()) used.add(String(r.id));
    for (const r of await db.selectFrom("assignment").select("organisation_id as id").where("organisation_id", "in", nums).execute()) used.add(String(r.id));
    for (const r of await db.selectFrom("sponsorship_programme").select("organisation_id as id").where("organisation_id", "in", nums).execute()) used.add(String(r.id));
    return used;
  },
  async remove(trx, idList) {
    const nums = idList.map(Number);
    if (!nums.length) return;
    for (const t of ["association_field", "association_language", "association_invite", "association_profile"] as const) await trx.deleteFrom(t).where("organisation_id", "in", nums).execute();
    await trx.deleteFrom("import_external_id").where("kind", "=", "organisations").where("entity_id", "in", idList).execute();
    await trx.deleteFrom("organisation").where("id", "in", nums).execute();
  },
};

export const organisationHandler: KindHandler<OrganisationValues, References> = {
  kind: "organisations",
  context: loadReferences,
  validate: validateOrganisationRow,
  fileKeys: (v) => [
    ...(v.externalId ? [["externalId", v.externalId] as [string, string]] : []),
    ...(v.registerNumber ? [["registerNumber", tidyRegister(v.registerNumber)] as [string, string]] : []),
    ...(v.email ? [["email", v.email] as [string, string]] : []),
  ],
  async match(db, values) {
    const ext = await byExternalId(db, "organisations", values.map((v) => v.externalId));
    const withProfile = new Set(
      (await db.selectFrom("association_profile").select("organisation_id").where("organisation_id", "in", [...ext.values()].map(Number).concat([-1])).execute()).map((r) => String(r.organisation_id)),
    );
    const registers = new Map<string, string>();
    if (values.some((v) => v.registerNumber)) {
      for (const r of await db.selectFrom("association_profile").select(["organisation_id", "register_number"]).where("register_number", "is not", null).execute()) registers.set(tidyRegister(r.register_number!), String(r.organisation_id));
    }
    const emails = [...new Set(values.map((v) => v.email).filter((e): e is string => !!e))];
    const byEmail = new Map<string, Firm>();
    if (emails.length) {
      const rows = await db.selectFrom("organisation as o").leftJoin("association_profile as p", "p.organisation_id", "o.id").select(["o.id", "o.email", "p.organisation_id as profile"]).where("o.email", "in", emails).execute();
      for (const r of rows) byEmail.set(r.email!, r.profile ? { id: String(r.id) } : { id: String(r.id), error: { field: "email", key: "import:errors.organisationWithoutProfile" } });
    }
    const names = [...new Set(values.filter((v) => v.name && v.street).map((v) => germanSortKey(v.name!)))];
    const candidates = new Map<string, string>();
    if (names.length) {
      const rows = await db.selectFrom("organisation as o").innerJoin("association_profile as p", "p.organisation_id", "o.id").select(["o.id", "o.name_key", "o.street"]).where("o.name_key", "in", names).execute();
      for (const r of rows) candidates.set(`${r.name_key}|${tidyStreet(r.street)}`, String(r.id));
    }
    return {
      firm: (v) => {
        const byExt = v.externalId ? ext.get(v.externalId) : undefined;
        if (byExt) return withProfile.has(byExt) ? { id: byExt } : undefined;
        const byReg = v.registerNumber ? registers.get(tidyRegister(v.registerNumber)) : undefined;
        if (byReg) return { id: byReg };
        return v.email ? byEmail.get(v.email) : undefined;
      },
      candidate: (v) => (v.name && v.street ? candidates.get(`${germanSortKey(v.name)}|${tidyStreet(v.street)}`) : undefined),
    };
  },
  missingForCreate: (v, mapping) => missingOrganisationFields(v, mapping),
  async describe(db, idList) {
    const rows = await db
      .selectFrom("organisation as o")
      .leftJoin("association_profile as p", "p.organisation_id", "o.id")
      .select(["o.id", "o.name", "o.street", "o.town", "o.email", "p.register_number"])
      .where("o.id", "in", idList.map(Number))
      .execute();
    return new Map(rows.map((r) => [String(r.id), { name: r.name, detail: [r.street, r.town, r.email, r.register_number].filter(Boolean).join(", ") }]));
  },
  async create(trx, batch, items, now) {
    const failed = new Map<number, string>();
    if (!items.length) return failed;
    const at = now.toISOString();
    const verified = batch.options.verified === true;
    const made: { rowNo: number; id: string; externalId?: string }[] = [];
    for (const it of items) {
      const v = it.values as Required<Pick<OrganisationValues, "name" | "kind" | "email" | "street" | "postalCode" | "town" | "districtId" | "fields" | "languages">> & OrganisationValues;
      const input = { ...v, barrierFree: v.barrierFree ?? false };
      const { id } = await trx
        .insertInto("organisation")
        .values({ ...organisationColumns(input), contact_name: null, phone: null, archived_at: null, created_at: at, updated_at: at })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("association_profile")
        .values({
          organisation_id: id,
          status: verified ? "verified" : "pending",
          ...profileColumns(input),
          registered_by: null,
          decided_by: verified ? batch.createdBy : null,
          decided_at: verified ? at : null,
          rejection_reason: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const fieldRows = [...new Set(v.fields)].map((field_id) => ({ organisation_id: id, field_id }));
      if (fieldRows.length) await trx.insertInto("association_field").values(fieldRows).execute();
      const langRows = [...new Set(v.languages)].map((language_code) => ({ organisation_id: id, language_code }));
      if (langRows.length) await trx.insertInto("association_language").values(langRows).execute();
      made.push({ rowNo: it.rowNo, id: String(id), externalId: v.externalId });
    }
    await rememberExternalIds(trx, "organisations", batch.id, made, now);
    await recordCreated(trx, organisationOps, { batchId: batch.id, entity: "organisation", items: made, now });
    return failed;
  },
  async update(trx, batch, rowNo, targetId, values, now) {
    await rememberExternalIds(trx, "organisations", batch.id, [{ externalId: values.externalId, id: targetId }], now);
    return applyUpdate(trx, organisationOps, { batchId: batch.id, rowNo, entity: "organisation", id: targetId, wanted: wantedOf(values), now });
  },
};
