import { householdHandler, householdOps, needOps } from "./household-kind.server";
import type { EntityOps, KindHandler } from "./kind.server";
import type { ImportKind } from "./limits";
import { offerHandler, offerOps } from "./offer-kind.server";
import { organisationHandler, organisationOps } from "./organisation-kind.server";
import { volunteerHandler, volunteerOps } from "./volunteer-kind.server";

/** The kinds of import and what each brings to the shared machinery (ADR 0044). */
const HANDLERS: Record<ImportKind, KindHandler<any, any>> = {
  volunteers: volunteerHandler,
  organisations: organisationHandler,
  households: householdHandler,
  "donation-offers": offerHandler,
};

export const handlerFor = (kind: ImportKind): KindHandler<any, any> => HANDLERS[kind];

/** Every entity an import writes (`import_change.entity`): how undo compares, restores and removes it. */
export const ENTITY_OPS: Record<string, EntityOps> = {
  volunteer: volunteerOps,
  organisation: organisationOps,
  household: householdOps,
  donation_need: needOps,
  donation_offer: offerOps,
};
