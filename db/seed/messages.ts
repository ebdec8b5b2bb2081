import type { Kysely } from "kysely";
import { createTestMessage } from "../../tests/factories/messages";
import type { DB } from "../schema";

/**
 * Demo data of the group messages (issue #17): one message the office sent a week ago to the
 * Arabic-speaking active volunteers in Schiefbahn, in German and Arabic, delivered.
 */
export async function seedMessagesDemo(db: Kysely<DB>, now = new Date()): Promise<void> {
  const schiefbahn = await db.selectFrom("district").select("id").where("name", "=", "Schiefbahn").executeTakeFirst();
  const office = await db.selectFrom("user").select("id").where("email", "=", "koordination@example.org").executeTakeFirst();
  if (!schiefbahn) return;
  const people = await db
    .selectFrom("volunteer_profile as p")
    .innerJoin("user as u", "u.id", "p.user_id")
    .select(["u.id", "u.email", "u.locale"])
    .where("p.status", "=", "active")
    .where("p.erased_at", "is", null)
    .where("p.district_id", "=", schiefbahn.id)
    .where("p.user_id", "in", db.selectFrom("volunteer_language").select("user_id").where("language_code", "=", "ar"))
    .orderBy("u.id")
    .execute();
  await createTestMessage(db, {
    authorId: office?.id ?? null,
    filter: { districtId: schiefbahn.id, language: "ar" },
    sentAt: new Date(now.getTime() - 7 * 86_400_000).toISOString(),
    texts: {
      de: { subject: "Dolmetschen beim Elternabend in Schiefbahn", body: "Liebe Ehrenamtliche,\n\nfür den Elternabend der Grundschule am Donnerstag, 18 Uhr, suchen wir zwei Personen, die Arabisch dolmetschen.\n\nBitte melden Sie sich bei der Koordinierungsstelle." },
      ar: { subject: "الترجمة في اجتماع أولياء الأمور في شيفبان", body: "أعزاءنا المتطوعين،\n\nنبحث عن شخصين للترجمة إلى العربية في اجتماع أولياء الأمور بالمدرسة الابتدائية يوم الخميس الساعة 6 مساءً.\n\nيرجى التواصل مع مكتب التنسيق." },
    },
    recipients: people.map((p) => ({ userId: p.id, email: p.email, locale: p.locale === "ar" ? "ar" : "de" })),
    outbox: "sent",
  });
}
