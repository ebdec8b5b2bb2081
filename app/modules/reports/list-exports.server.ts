import type { Actor } from "~/auth/permissions";
import { getFixedT } from "~/i18n/i18next.server";
import { listAssignments, type AssignmentFilters } from "~/modules/coverage/assignments.server";
import { listCertificates } from "~/modules/coverage/certificate-list.server";
import { CERTIFICATE_LIST_STATES, type CertificateListState } from "~/modules/coverage/lists";
import { assignmentState } from "~/modules/coverage/policy";
import { intParam } from "~/modules/coverage/route-helpers.server";
import { listCategories } from "~/modules/donations/categories.server";
import { categoryName } from "~/modules/donations/category-names";
import { listOpenNeeds, type OpenNeedFilters } from "~/modules/donations/matching.server";
import { householdFormOptions } from "~/modules/donations/options.server";
import { listOffersForOffice } from "~/modules/donations/review.server";
import { OFFER_FILTERS, URGENCIES, type OfferFilter } from "~/modules/donations/schema";
import { pagedExport } from "~/modules/exports/paged.server";
import type { ExportFormat } from "~/modules/exports/writer.server";
import { listOrganisations } from "~/modules/organisations/queries.server";
import { LEGAL_FORMS } from "~/modules/organisations/schema";
import { listPendingRequests, REQUESTS_PER_PAGE } from "~/modules/rooms/queries.server";
import { listTandems } from "~/modules/sponsorships/tandem-queries.server";
import { TandemFiltersSchema, type TandemFilters } from "~/modules/sponsorships/tandem-schema";
import { berlinDay, berlinTime, isValidDay } from "~/utils/dates";
import { dateParam, pageParam, searchParam } from "~/utils/params";

/**
 * "Export what I filtered" for the office lists that had none (issue #16): assignments,
 * certificates, open donation needs, donation offers, room requests, tandems, organisations.
 * Each list's filters are parsed here once, for the page's loader and for its export, and the
 * export reads the list through the page's own list function (`pagedExport`), so the file has
 * the rows of every page in the page's order. Days are day cells (dates in XLSX).
 */
export type ExportArgs = { format: ExportFormat; today: string; lang: string; now?: Date };

const ASSIGNMENT_STATES = ["running", "ended", "closed"] as const;

/** A day parameter (`YYYY-MM-DD`), or undefined when missing or not a day. */
export function dayParam(url: URL, name: string): string | undefined {
  const v = dateParam(url, name);
  return isValidDay(v) ? v : undefined;
}

export function parseAssignmentFilters(url: URL): AssignmentFilters & { page: number } {
  const state = url.searchParams.get("state");
  return {
    q: searchParam(url),
    organisationId: intParam(url, "organisationId"),
    fieldOfActionId: intParam(url, "fieldOfActionId"),
    state: (ASSIGNMENT_STATES as readonly string[]).includes(state ?? "") ? (state as (typeof ASSIGNMENT_STATES)[number]) : undefined,
    minors: url.searchParams.get("minors") === "1",
    from: dayParam(url, "from"),
    to: dayParam(url, "to"),
    page: pageParam(url),
  };
}

export async function exportAssignments(actor: Actor, f: Omit<AssignmentFilters, "page">, args: ExportArgs) {
  const t = await getFixedT(args.lang, "coverage");
  const tr = await getFixedT(args.lang, "reports");
  return pagedExport(actor, {
    list: "assignments",
    format: args.format,
    filter: { ...f, minors: f.minors || undefined },
    sheet: t("assignments.title"),
    filename: `einsaetze-${args.today}`,
    now: args.now,
    columns: [
      { header: t("fields.volunteer") },
      { header: t("fields.activity") },
      { header: t("fields.organisation") },
      { header: t("fields.fieldOfAction") },
      { header: tr("exports.columns.from"), kind: "day" },
      { header: tr("exports.columns.to"), kind: "day" },
      { header: t("assignments.state") },
      { header: t("fields.worksWithMinors") },
    ],
    page: (n) => listAssignments(actor, { ...f, page: n }, args.today),
    row: (a) => [a.volunteerName, a.activity, a.organisationName, a.fieldName, a.startDay, a.endDay ?? null, t(`assignments.states.${assignmentState(a, args.today)}`), a.worksWithMinors ? tr("exports.yes") : tr("exports.no")],
  });
}

export function parseCertificateFilters(url: URL) {
  const stateParam = url.searchParams.get("state") ?? "";
  const state = (CERTIFICATE_LIST_STATES as readonly string[]).includes(stateParam) ? (stateParam as CertificateListState) : undefined;
  return { filters: { q: searchParam(url), state, page: pageParam(url) }, ignored: stateParam !== "" && !state };
}

export async function exportCertificates(actor: Actor, f: { q?: string; state?: CertificateListState }, args: ExportArgs) {
  const t = await getFixedT(args.lang, "coverage");
  return pagedExport(actor, {
    list: "certificates",
    format: args.format,
    filter: f,
    sheet: t("certificates.list"),
    filename: `fuehrungszeugnisse-${args.today}`,
    now: args.now,
    columns: [
      { header: t("fields.volunteer") },
      { header: t("certificates.fields.certificateDate"), kind: "day" },
      { header: t("certificates.fields.inspectedOn"), kind: "day" },
      { header: t("certificates.fields.inspectedBy") },
      { header: t("certificates.status") },
      { header: t("certificates.deletionDay"), kind: "day" },
    ],
    page: (n) => listCertificates(actor, { ...f, page: n }, args.today),
    row: (r) => [
      r.volunteerName,
      r.certificateDate ?? null,
      r.inspectedOn ?? null,
      r.inspectorName ?? "",
      t(`certificates.states.${r.status.state}`, { date: "dueOn" in r.status ? r.status.dueOn : "" }),
      r.deletionDay ?? null,
    ],
  });
}

/** The open needs' filters; values that are not among the choices are left out (`ignored`). */
export async function parseOpenNeedFilters(url: URL) {
  const [categories, { districts }] = await Promise.all([listCategories(), householdFormOptions()]);
  let ignored = false;
  const choice = <T>(name: string, allowed: (v: string) => T | undefined): T | undefined => {
    const raw = url.searchParams.get(name);
    if (!raw) return undefined;
    const value = allowed(raw);
    if (value === undefined) ignored = true;
    return value;
  };
  const id = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : undefined);
  const filters: OpenNeedFilters = {
    categoryId: choice("categoryId", (v) => categories.find((c) => c.id === id(v))?.id),
    districtId: choice("districtId", (v) => districts.find((d) => d.id === id(v))?.id),
    urgency: choice("urgency", (v) => URGENCIES.find((u) => u === v)),
    code: searchParam(url, "code", 40),
    page: pageParam(url),
  };
  return { filters, ignored, categories, districts };
}

export async function exportOpenNeeds(actor: Actor, f: Omit<OpenNeedFilters, "page">, args: ExportArgs) {
  const t = await getFixedT(args.lang, "donations");
  return pagedExport(actor, {
    list: "donation-needs",
    format: args.format,
    filter: f,
    sheet: t("office.openNeeds"),
    filename: `bedarfe-${args.today}`,
    now: args.now,
    columns: [
      { header: t("need.category") },
      { header: t("need.urgency") },
      { header: t("need.size") },
      { header: t("need.quantity"), kind: "number" },
      { header: t("reports:exports.columns.covered"), kind: "number" },
      { header: t("household.code") },
      { header: t("household.district") },
      { header: t("need.since"), kind: "day" },
    ],
    page: (n) => listOpenNeeds(actor, { ...f, page: n }),
    row: (r) => [categoryName(r, args.lang), t(`urgency.${r.urgency}`), r.size ?? "", Number(r.quantity), Number(r.quantity_covered), r.code, r.district ?? "", berlinDay(r.created_at)],
  });
}

export function parseOfferFilter(url: URL): OfferFilter {
  const state = url.searchParams.get("state");
  return (OFFER_FILTERS as readonly string[]).includes(state ?? "") ? (state as OfferFilter) : "pending";
}

/** The offers with the donor's contact details (personal data: logged like every export). */
export async function exportOffers(actor: Actor, state: OfferFilter, args: ExportArgs) {
  const t = await getFixedT(args.lang, "donations");
  return pagedExport(actor, {
    list: "donation-offers",
    format: args.format,
    filter: { state },
    sheet: t("review.title"),
    filename: `angebote-${state}-${args.today}`,
    now: args.now,
    columns: [
      { header: t("need.category") },
      { header: t("need.size") },
      { header: t("need.quantity"), kind: "number" },
      { header: t("reports:exports.columns.condition") },
      { header: t("reports:exports.columns.description") },
      { header: t("offer.pickupDistrict") },
      { header: t("offer.availableUntil"), kind: "day" },
      { header: t("reports:exports.columns.donorName") },
      { header: t("reports:exports.columns.donorEmail") },
      { header: t("reports:exports.columns.donorPhone") },
      { header: t("review.state") },
      { header: t("reports:exports.columns.created"), kind: "day" },
    ],
    page: (n) => listOffersForOffice(actor, state, n),
    row: (o) => [
      categoryName(o, args.lang),
      o.size ?? "",
      Number(o.quantity),
      t(`condition.${o.condition}`),
      o.description ?? "",
      o.district ?? "",
      o.available_until ? o.available_until.slice(0, 10) : null,
      o.donor_name ?? "",
      o.donor_email ?? "",
      o.donor_phone ?? "",
      o.status === "open" ? t(`offerStatus.${o.review_state}`) : t(`offerStatus.${o.status}`, { defaultValue: t("offerStatus.closed") }),
      berlinDay(o.created_at),
    ],
  });
}

/** The room requests waiting for a decision (the page has no filters but its pages). */
export async function exportRoomRequests(actor: Actor, args: ExportArgs) {
  const t = await getFixedT(args.lang, "rooms");
  const tr = await getFixedT(args.lang, "reports");
  return pagedExport(actor, {
    list: "room-requests",
    format: args.format,
    filter: {},
    sheet: t("office.requestsTitle"),
    filename: `raumanfragen-${args.today}`,
    now: args.now,
    columns: [
      { header: tr("exports.columns.room") },
      { header: tr("exports.columns.day"), kind: "day" },
      { header: tr("exports.columns.time") },
      { header: tr("exports.columns.contact") },
      { header: tr("exports.columns.group") },
      { header: tr("exports.columns.purpose") },
      { header: tr("exports.columns.attendees"), kind: "number" },
      { header: tr("exports.columns.series") },
      { header: tr("exports.columns.created"), kind: "day" },
    ],
    page: async (n) => {
      const r = await listPendingRequests(actor, { page: n });
      return { items: r.requests, total: r.total, pageSize: REQUESTS_PER_PAGE };
    },
    row: (r) => [
      r.room_name,
      berlinDay(r.starts_at),
      `${berlinTime(r.starts_at)}–${berlinTime(r.ends_at)}`,
      r.contact_name,
      r.group_name ?? "",
      r.purpose,
      Number(r.attendees),
      r.series_id ? tr("exports.yes") : tr("exports.no"),
      berlinDay(r.created_at),
    ],
  });
}

export function parseTandemFilters(url: URL): TandemFilters {
  return { ...TandemFiltersSchema.parse(Object.fromEntries(url.searchParams)), page: pageParam(url) };
}

export async function exportTandems(actor: Actor, f: Omit<TandemFilters, "page">, args: ExportArgs) {
  const t = await getFixedT(args.lang, "tandems");
  return pagedExport(actor, {
    list: "tandems",
    format: args.format,
    filter: f,
    sheet: t("list.title"),
    filename: `tandems-${args.today}`,
    now: args.now,
    columns: [
      { header: t("list.code") },
      { header: t("list.status") },
      { header: t("list.programme") },
      { header: t("list.sponsor") },
      { header: t("list.started"), kind: "day" },
      { header: t("list.lastMeeting"), kind: "day" },
      { header: t("reports:exports.columns.trialEnds"), kind: "day" },
      { header: t("reports:exports.columns.nextCheckIn"), kind: "day" },
      { header: t("reports:exports.columns.ended"), kind: "day" },
    ],
    page: (n) => listTandems(actor, { ...f, page: n }, args.today),
    row: (r) => [r.code, t(`status.${r.status}`), r.programme, r.sponsor, r.startedOn, r.lastMeetingOn ?? null, r.trialEndsOn ?? null, r.nextCheckInOn ?? null, r.endedOn ?? null],
  });
}

export function parseOrganisationFilters(url: URL) {
  const legalForm = url.searchParams.get("legalForm");
  return {
    q: searchParam(url),
    legalForm: (LEGAL_FORMS as readonly string[]).includes(legalForm ?? "") ? legalForm! : undefined,
    archived: url.searchParams.get("archived") === "1",
    page: pageParam(url),
  };
}

export async function exportOrganisations(actor: Actor, f: { q?: string; legalForm?: string; archived?: boolean }, args: ExportArgs) {
  const t = await getFixedT(args.lang, "office");
  const tc = await getFixedT(args.lang, "common");
  return pagedExport(actor, {
    list: "organisations",
    format: args.format,
    filter: { ...f, archived: f.archived || undefined },
    sheet: t("organisations.title"),
    filename: `organisationen-${args.today}`,
    now: args.now,
    columns: [
      { header: t("organisations.fields.name") },
      { header: t("organisations.fields.legalForm") },
      { header: t("organisations.fields.email") },
      { header: t("organisations.fields.phone") },
      { header: t("organisations.fields.insurer") },
      { header: t("organisations.fields.policyValidUntil"), kind: "day" },
    ],
    page: (n) => listOrganisations(actor, { ...f, page: n }),
    row: (o) => [o.name, tc(`legalForms.${o.legal_form}`), o.email ?? "", o.phone ?? "", o.insurer ?? "", o.policy_valid_until ?? null],
  });
}
