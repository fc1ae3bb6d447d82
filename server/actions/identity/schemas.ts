import { z } from "zod";
import { PRODUCT_ROLES } from "@/lib/auth/permissions";

// Shared field rules, with messages written for the person filling the form.
export const ZEmail = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));
export const ZName = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters.");
export const ZPassword = z
  .string({ error: "Enter a password." })
  .min(12, "Use at least 12 characters.")
  .max(200, "Keep the password under 200 characters.");
export const ZProductRole = z.enum(PRODUCT_ROLES, { error: `Pick one of: ${PRODUCT_ROLES.join(", ")}.` });
export const ZTeamRoles = z
  .array(z.string().trim().min(1, "A team role cannot be blank.").max(80, "Keep team role names under 80 characters."), { error: "Team roles must be a list of names." })
  .max(20, "At most 20 team roles.");
export const ZId = z.uuid({ error: "Not a valid id." });
export const ZVersion = z.number({ error: "The version you edited is missing; reload and try again." }).int().min(1);
