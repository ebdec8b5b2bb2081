/**
 * The Niersweg group room in Neersen (fictitious details) with demo requests and bookings
 * around today, so the public calendar and the office queue have something to show.
 */
import type { Kysely } from "kysely";
import { createTestBooking, createTestRoom, createTestRoomPhoto } from "../../tests/factories/rooms";
import { drawRoomIllustration } from "./room-illustration";
import type { DB } from "../schema";
import { addDaysToDay, berlinDay, berlinToInstant } from "../../app/utils/dates";
import { serialiseTranslations, type Translations } from "../../app/modules/rooms/translations";

/** The demo room's description in the other UI languages (the German one is in `seedRooms`). */
const DESCRIPTION: Translations = {
  en: "Open group room in the town's houses on Niersweg, with a kitchenette and an outdoor area. For activities and meetings of everyone who lives in the neighbourhood – free of charge for non-commercial neighbourhood use.",
  ar: "غرفة جماعية مفتوحة في مباني المدينة في شارع نيرسفيغ (Niersweg)، مع مطبخ صغير ومساحة خارجية. للأنشطة واللقاءات لكل من يسكن في الحي – مجاناً للاستخدام غير التجاري من قِبل الجيران.",
  uk: "Відкрита кімната для груп у міських будинках на Нірсвег, з міні-кухнею та майданчиком надворі. Для занять і зустрічей усіх, хто живе в кварталі, – безкоштовно для некомерційного використання сусідами.",
  fa: "اتاق گروهی باز در ساختمان‌های شهری خیابان نیرس‌وگ (Niersweg)، با آشپزخانهٔ کوچک و فضای باز. برای برنامه‌ها و دیدارهای همهٔ کسانی که در این محله زندگی می‌کنند – برای استفادهٔ غیرتجاری همسایگان رایگان است.",
  tr: "Niersweg'deki belediye konutlarında, çay mutfağı ve açık alanı olan, herkese açık bir grup odası. Mahallede yaşayan herkesin etkinlikleri ve buluşmaları için – ticari olmayan mahalle kullanımı için ücretsiz.",
  ru: "Открытая общая комната в городских домах на Нирсвег, с мини-кухней и площадкой во дворе. Для занятий и встреч всех, кто живёт в квартале, — бесплатно для некоммерческого использования соседями.",
};

/** The house rules in the other UI languages, line by line as the German ones in `seedRooms`. */
const RULES: Translations = {
  en: [
    "1. No smoking in the room or in the outdoor area.",
    "2. Night rest from 22:00 (§ 9 LImSchG NRW): use ends at 22:00 at the latest.",
    "3. At most 35 people.",
    "4. Leave the room and the kitchenette swept clean and take your rubbish with you.",
    "5. A responsible adult is present for the whole time of use.",
    "6. The key is handed out against a deposit of €50; users are liable for damage.",
  ].join("\n"),
  ar: [
    "1. التدخين ممنوع داخل القاعة وفي المساحة الخارجية.",
    "2. الهدوء الليلي يبدأ الساعة 22:00 (§ 9 LImSchG NRW): ينتهي الاستخدام الساعة 22:00 على أقصى تقدير.",
    "3. الحد الأقصى 35 شخصاً.",
    "4. اتركوا القاعة والمطبخ الصغير نظيفين وخذوا النفايات معكم.",
    "5. يكون شخص بالغ مسؤول حاضراً طوال مدة الاستخدام.",
    "6. يُسلَّم المفتاح مقابل تأمين قدره 50 يورو؛ والمستخدمون مسؤولون عن الأضرار.",
  ].join("\n"),
  uk: [
    "1. Курити в приміщенні та на майданчику надворі заборонено.",
    "2. Нічний спокій з 22:00 (§ 9 LImSchG NRW): користування закінчується не пізніше 22:00.",
    "3. Не більше 35 осіб.",
    "4. Залиште кімнату та міні-кухню підметеними, сміття заберіть із собою.",
    "5. Повнолітня відповідальна особа присутня впродовж усього часу користування.",
    "6. Ключ видається під заставу 50 €; користувачі відповідають за пошкодження.",
  ].join("\n"),
  fa: [
    "1. سیگار کشیدن در اتاق و در فضای باز ممنوع است.",
    "2. سکوت شبانه از ساعت 22:00 (§ 9 LImSchG NRW): استفاده حداکثر تا ساعت 22:00 است.",
    "3. حداکثر 35 نفر.",
    "4. اتاق و آشپزخانهٔ کوچک را جارو‌شده تحویل دهید و زباله را با خود ببرید.",
    "5. یک فرد بزرگسالِ مسئول در تمام مدت استفاده حاضر است.",
    "6. کلید در برابر 50 یورو ودیعه داده می‌شود؛ استفاده‌کنندگان مسئول خسارت‌ها هستند.",
  ].join("\n"),
  tr: [
    "1. Odada ve açık alanda sigara içmek yasaktır.",
    "2. Gece sessizliği saat 22:00'de başlar (§ 9 LImSchG NRW): Kullanım en geç saat 22:00'de biter.",
    "3. En fazla 35 kişi.",
    "4. Odayı ve çay mutfağını süpürülmüş bırakın, çöpünüzü yanınızda götürün.",
    "5. Kullanım boyunca reşit ve sorumlu bir kişi orada bulunur.",
    "6. Anahtar 50 € depozito karşılığında verilir; kullanıcılar hasarlardan sorumludur.",
  ].join("\n"),
  ru: [
    "1. Курить в помещении и на площадке во дворе запрещено.",
    "2. Ночной покой с 22:00 (§ 9 LImSchG NRW): пользование заканчивается не позднее 22:00.",
    "3. Не более 35 человек.",
    "4. Оставьте комнату и мини-кухню подметёнными, мусор заберите с собой.",
    "5. Совершеннолетнее ответственное лицо присутствует всё время пользования.",
    "6. Ключ выдаётся под залог 50 €; пользователи несут ответственность за ущерб.",
  ].join("\n"),
};

/** Where and when the key is collected (fictitious), in the other UI languages. */
const KEY_PLACE: Translations = {
  en: "Coordination office, Willich town hall, Hochstraße 1 (fictitious), room 12",
  ar: "مكتب التنسيق، مبنى بلدية فيليش، Hochstraße 1 (عنوان وهمي)، الغرفة 12",
  uk: "Координаційний офіс, ратуша Вілліха, Hochstraße 1 (вигадана адреса), кімната 12",
  fa: "دفتر هماهنگی، شهرداری ویلیش، Hochstraße 1 (نشانی ساختگی)، اتاق 12",
  tr: "Koordinasyon bürosu, Willich Belediye Binası, Hochstraße 1 (kurgusal), 12 numaralı oda",
  ru: "Координационный офис, ратуша Виллиха, Hochstraße 1 (вымышленный адрес), комната 12",
};
const KEY_HOURS: Translations = {
  en: "Mon–Fri 9:00–12:00, at the latest on the working day before you use the room",
  ar: "من الاثنين إلى الجمعة 9:00–12:00، في موعد أقصاه يوم العمل الذي يسبق الاستخدام",
  uk: "пн–пт 9:00–12:00, не пізніше ніж за робочий день до користування",
  fa: "دوشنبه تا جمعه 9:00–12:00، حداکثر تا روز کاری پیش از استفاده",
  tr: "Pzt–Cum 9:00–12:00, en geç kullanımdan önceki iş günü",
  ru: "пн–пт 9:00–12:00, не позднее чем за рабочий день до пользования",
};

/** The drawing's description in the other UI languages. */
const PHOTO_ALT: Translations = {
  en: "Drawing (example): group room with a long table and chairs, windows onto the garden, the kitchenette on the right",
  ar: "رسم (مثال): قاعة جماعية فيها طاولة طويلة وكراسٍ، ونوافذ تطل على الحديقة، وعلى اليمين المطبخ الصغير",
  uk: "Малюнок (приклад): кімната для груп із довгим столом і стільцями, вікна в сад, праворуч міні-кухня",
  fa: "نقاشی (نمونه): اتاق گروهی با میز بلند و صندلی‌ها، پنجره‌هایی رو به باغ، سمت راست آشپزخانهٔ کوچک",
  tr: "Çizim (örnek): uzun masa ve sandalyeli grup odası, bahçeye bakan pencereler, sağda çay mutfağı",
  ru: "Рисунок (пример): общая комната с длинным столом и стульями, окна в сад, справа мини-кухня",
};

/** The note on the fee in the other UI languages (migration 0065; the German one is in `seedRooms`). */
const FEE_NOTE: Translations = {
  en: "Free of charge. A voluntary donation for tea and coffee is welcome.",
  ar: "مجاناً. التبرع الطوعي للشاي والقهوة مُرحَّب به.",
  uk: "Безкоштовно. Добровільна пожертва на чай і каву вітається.",
  fa: "رایگان. کمک داوطلبانه برای چای و قهوه با کمال میل پذیرفته می‌شود.",
  tr: "Ücretsiz. Çay ve kahve için gönüllü bağış memnuniyetle karşılanır.",
  ru: "Бесплатно. Добровольное пожертвование на чай и кофе приветствуется.",
};

const weekdays = (open: string, close: string, weekend: { open: string; close: string } | null) =>
  JSON.stringify([...Array.from({ length: 5 }, () => ({ open, close })), weekend, weekend]);

export async function seedRooms(db: Kysely<DB>, now = new Date()): Promise<void> {
  const room = await createTestRoom(db, {
    name: "Gruppenraum Niersweg",
    address: "Niersweg 12, 47877 Willich-Neersen",
    description:
      "Offener Gruppenraum in den städtischen Häusern am Niersweg, mit Teeküche und Außenbereich. Für Angebote und Treffen aller, die im Quartier wohnen – für nicht-kommerzielle Nachbarschaftsnutzung kostenfrei.",
    capacity: 35,
    openingHours: weekdays("08:00", "22:00", { open: "10:00", close: "22:00" }),
    keyDepositCents: 5000,
    feeNote: "Kostenfrei. Eine freiwillige Spende für Tee und Kaffee ist willkommen.",
    feeNoteTranslations: FEE_NOTE,
    keyPickupPlace: "Koordinierungsstelle, Rathaus Willich, Hochstraße 1 (fiktiv), Zimmer 12",
    keyPickupHours: "Mo–Fr 9:00–12:00 Uhr, spätestens am Werktag vor der Nutzung",
    keyPickupPlaceTranslations: KEY_PLACE,
    keyPickupHoursTranslations: KEY_HOURS,
    rulesTranslations: RULES,
    rules:
      "1. Rauchen ist im Raum und im Außenbereich verboten.\n2. Nachtruhe ab 22:00 Uhr (§ 9 LImSchG NRW): Die Nutzung endet spätestens um 22:00 Uhr.\n3. Höchstens 35 Personen.\n4. Raum und Teeküche besenrein verlassen, Müll mitnehmen.\n5. Eine volljährige verantwortliche Person ist während der ganzen Nutzung anwesend.\n6. Der Schlüssel wird gegen 50 € Kaution ausgegeben; Nutzende haften für Schäden.",
  });
  // What visitors read in their language (ADR 0022): the description in every UI language (the parts'
  // names, the house rules, the key pickup and the photo's description come with the factories, issue #18).
  await db.updateTable("room").set({ description_translations: serialiseTranslations(DESCRIPTION) }).where("id", "=", room.id).execute();
  // A drawn illustration, not a photograph: the demo has no real pictures.
  await createTestRoomPhoto(db, room.id, {
    alt: "Zeichnung (Beispiel): Gruppenraum mit langem Tisch und Stühlen, Fenster zum Garten, rechts die Teeküche",
    altTranslations: PHOTO_ALT,
    pixels: drawRoomIllustration(),
  });
  const today = berlinDay(now);
  const at = (days: number, time: string) => berlinToInstant(addDaysToDay(today, days), time).toISOString();
  const demo: Array<[number, string, string, "confirmed" | "requested", string]> = [
    [3, "18:00", "20:00", "confirmed", "Sprachcafé"],
    [4, "10:00", "12:00", "requested", "Krabbelgruppe"],
    [5, "15:00", "18:00", "confirmed", "Nähtreff"],
    [8, "09:30", "11:30", "requested", "Elterncafé"],
    [10, "18:00", "20:00", "confirmed", "Sprachcafé"],
    [12, "16:00", "19:00", "requested", "Geburtstagsfeier Nachbarschaft"],
    [17, "18:00", "20:00", "confirmed", "Sprachcafé"],
  ];
  for (const [i, [days, from, to, status, purpose]] of demo.entries()) {
    await createTestBooking(db, room.id, {
      status,
      startsAt: at(days, from),
      endsAt: at(days, to),
      purpose,
      name: ["Mira Sonnenfeld", "Samir Exempel", "Greta Platzhalter"][i % 3],
      email: `raum-demo${i}@example.org`,
    });
  }
  await db
    .insertInto("room_blackout")
    .values({ room_id: room.id, starts_at: at(24, "00:00"), ends_at: at(26, "00:00"), reason: "Grundreinigung", created_at: now.toISOString() })
    .execute();
}
