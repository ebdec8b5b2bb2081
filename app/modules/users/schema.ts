import { z } from "zod";

export const ROLE_VALUES = ["volunteer", "association_member", "coordinator", "admin"] as const;

export const RolesSchema = z.object({
  intent: z.literal("roles"),
  roles: z.array(z.enum(ROLE_VALUES, { message: "errors.invalidChoice" })).max(ROLE_VALUES.length, "errors.invalidChoice").default([]),
});
