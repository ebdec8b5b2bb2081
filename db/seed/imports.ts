import type { Kysely } from "kysely";
import { createTestImportBatch } from "../../tests/factories/imports";
import type { DB } from "../schema";

/**
 * A fictitious volunteer list just uploaded at /office/import (title row, header row, one bad
 * e-mail, an Arabic name), so a newcomer can click through header, mapping, fixing and the run.
 * Every name and address is invented (example.org).
 */
export async function seedImportDemo(db: Kysely<DB>) {
  const office = await db.selectFrom("user").select("id").where("email", "=", "koordination@example.org").executeTakeFirst();
  if (!office) return;
  await createTestImportBatch(db, {
    createdBy: office.id,
    rows: [
      ["Ehrenamtliche Sprachcafé, Stand Mai (Demo)", "", "", "", "", ""],
      ["Vorname", "Nachname", "E-Mail", "Ortsteil", "Sprachen", "Verfügbarkeit"],
      ["Greta", "Beispiel", "greta.import@example.org", "Anrath", "Deutsch Muttersprache, Englisch B2", "Mo vormittags"],
      ["سلمى", "مثال", "salma.import@example.org", "Schiefbahn", "Arabisch Muttersprache, Deutsch B1", "Mi abends"],
      ["Olena", "Prykladna", "olena.import@example", "Neersen", "Ukrainisch Muttersprache", ""],
      ["Tobias", "Muster", "tobias.import@example.org", "Alt-Willich", "", "Sa nachmittags"],
    ],
  });
}
