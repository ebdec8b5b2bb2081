import type { Kysely, Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// Persian (fa), Turkish (tr) and Russian (ru) translations of the consent texts (issue #18): the
// volunteers' consent and confidentiality declaration (table `consent_text`, migration 0002) and
// the household consents (table `household_consent_text`, migration 0005). They translate
// version 1, so they are version 1: a reader gets them only while version 1 is the newest German
// text (`getCurrentConsentTexts` picks the newest version, German when it has no translation).
// Each body ends with the note that it is a translation and the German text is binding.
// Rows that exist already (a town that added its own) are left as they are.

const PUBLISHED = "2026-12-05T00:00:00.000Z";

const NOTE = {
  fa: "(این متن ترجمه است؛ متن آلمانی معتبر و الزام‌آور است.)",
  tr: "(Bu metin bir çeviridir; bağlayıcı olan Almanca metindir.)",
  ru: "(Это перевод; юридически обязательным является текст на немецком языке.)",
} as const;

type Text = [purpose: string, locale: keyof typeof NOTE, title: string, body: string];

const VOLUNTEER_TEXTS: Text[] = [
  ["volunteer-data", "fa", "رضایت به پردازش داده‌های من",
    "موافقت می‌کنم که دفتر هماهنگی کار داوطلبانهٔ شهر ویلیش اطلاعات من (نام، راه‌های تماس، محله، زبان‌ها، مهارت‌ها، علایق، زمان‌هایی که در دسترس هستم و اطلاعات اختیاری) را ذخیره و استفاده کند تا به من مشاوره بدهد، فعالیت‌هایی به من پیشنهاد کند و پوشش بیمه‌ای مرا ثابت کند. فقط دفتر هماهنگی همهٔ اطلاعات را می‌بیند؛ انجمن‌ها آن‌ها را فقط زمانی می‌بینند که برایشان فعالیت کنم. می‌توانم این رضایت را هر زمان با یک کلیک در «بخش من» پس بگیرم؛ قانونی بودن پردازشِ انجام‌شده تا آن زمان به قوت خود باقی است. می‌توانم درخواست کنم که از همهٔ داده‌هایم آگاه شوم و آن‌ها حذف شوند."],
  ["volunteer-data", "tr", "Verilerimin işlenmesine onay",
    "Willich Belediyesi Gönüllülük Koordinasyon Bürosu’nun bilgilerimi (ad, iletişim bilgileri, semt, diller, beceriler, ilgi alanları, uygun olduğum zamanlar ve isteğe bağlı bilgiler) bana danışmanlık yapmak, bana görevler önermek ve sigorta kapsamımı belgelemek amacıyla saklamasına ve kullanmasına onay veriyorum. Tüm bilgileri yalnızca koordinasyon bürosu görür; dernekler bunları yalnızca onlar için çalıştığımda görür. Bu onayı istediğim zaman “Alanım” bölümünde tek tıkla geri alabilirim; o zamana kadar yapılan işlemlerin hukuka uygunluğu bundan etkilenmez. Tüm verilerim hakkında bilgi verilmesini ve silinmelerini talep edebilirim."],
  ["volunteer-data", "ru", "Согласие на обработку моих данных",
    "Я даю согласие на то, чтобы координационный офис добровольческой работы города Виллих хранил и использовал мои данные (имя, контактные данные, район, языки, навыки, интересы, время, когда я могу помогать, и добровольно указанные сведения), чтобы консультировать меня, предлагать мне задания и подтверждать моё страховое покрытие. Все данные видит только координационный офис; объединения видят их, только если я работаю для них. Я могу в любое время отозвать это согласие одним нажатием в разделе «Мой раздел»; законность обработки до отзыва от этого не затрагивается. Я могу потребовать сведения обо всех моих данных и их удаление."],
  ["confidentiality", "fa", "تعهد رازداری",
    "متعهد می‌شوم دربارهٔ هر آنچه در کار داوطلبانه از پناهجویان و وضعیت شخصی آنان می‌فهمم (به‌ویژه اصلیت، دین، سلامت، وضعیت اقامت و خانواده) رازدار باشم، حتی پس از پایان فعالیتم. هیچ داده، عکس یا سندی را به اشخاص ثالث نمی‌دهم و دربارهٔ موارد فقط بدون ذکر نام صحبت می‌کنم. فقط با رضایت کتبی کسانی که در عکس دیده می‌شوند عکس می‌گیرم یا عکس را با دیگران به اشتراک می‌گذارم."],
  ["confidentiality", "tr", "Gizlilik beyanı",
    "Gönüllü çalışmam sırasında mülteciler ve onların kişisel durumları hakkında öğrendiğim her şeyi (özellikle köken, din, sağlık, oturum durumu ve aile) gönüllülüğüm sona erdikten sonra da gizli tutmayı taahhüt ederim. Hiçbir veriyi, fotoğrafı veya belgeyi üçüncü kişilere vermem ve vakaları yalnızca isim vermeden konuşurum. Fotoğrafları yalnızca fotoğraftaki kişilerin yazılı onayıyla çeker veya paylaşırım."],
  ["confidentiality", "ru", "Обязательство о соблюдении конфиденциальности",
    "Я обязуюсь хранить в тайне всё, что узнаю во время добровольческой работы о беженцах и их личных обстоятельствах (в частности, о происхождении, религии, здоровье, статусе пребывания и семье), в том числе после окончания моей деятельности. Я не передаю данные, фотографии или документы третьим лицам и обсуждаю случаи только в обезличенном виде. Я фотографирую или делюсь фотографиями только с письменного согласия изображённых людей."],
];

const HOUSEHOLD_TEXTS: Text[] = [
  ["donations", "fa", "رضایت: کمک‌های غیرنقدی",
    "موافقت می‌کنم که دفتر هماهنگی کار داوطلبانهٔ شهر ویلیش اطلاعات خانوار من (راه‌های تماس، محله، زبان‌ها، تعداد بزرگسالان، سال تولد فرزندان، نیازها) را ذخیره کند تا کمک‌های غیرنقدی مناسب را به ما برساند. اهداکنندگان و عموم مردم نه نام‌ها را می‌بینند و نه راه‌های تماس را. می‌توانم این رضایت را هر زمان پس بگیرم."],
  ["donations", "tr", "Onay: Ayni bağışlar",
    "Willich Belediyesi Gönüllülük Koordinasyon Bürosu’nun, uygun ayni bağışlara aracılık etmek amacıyla hanemin bilgilerini (iletişim bilgileri, semt, diller, yetişkin sayısı, çocukların doğum yılları, ihtiyaçlar) saklamasına onay veriyorum. Bağışçılar ve kamuoyu ne isimleri ne de iletişim bilgilerini görür. Bu onayı istediğim zaman geri alabilirim."],
  ["donations", "ru", "Согласие: вещевые пожертвования",
    "Я даю согласие на то, чтобы координационный офис добровольческой работы города Виллих хранил данные моего домохозяйства (контактные данные, район, языки, число взрослых, годы рождения детей, потребности), чтобы передавать нам подходящие вещевые пожертвования. Жертвователи и общественность не видят ни имён, ни контактных данных. Я могу в любое время отозвать это согласие."],
  ["sponsorship", "fa", "رضایت: همراهی داوطلبانه (پاتن‌شافت)",
    "موافقت می‌کنم که دفتر هماهنگی از اطلاعات خانوار من استفاده کند تا یک همراه داوطلب برای ما پیدا کند و این همراهی را پیگیری کند. می‌توانم این رضایت را هر زمان پس بگیرم."],
  ["sponsorship", "tr", "Onay: Gönüllü rehberlik (Patenschaft)",
    "Koordinasyon bürosunun, bir gönüllü rehberlik ilişkisi kurmak ve bu süreci takip etmek amacıyla hanemin bilgilerini kullanmasına onay veriyorum. Bu onayı istediğim zaman geri alabilirim."],
  ["sponsorship", "ru", "Согласие: шефство",
    "Я даю согласие на то, чтобы координационный офис использовал данные моего домохозяйства, чтобы организовать шефство и сопровождать его. Я могу в любое время отозвать это согласие."],
  ["share-contact", "fa", "رضایت: دادن اطلاعات تماس من به یک داوطلب",
    "موافقت می‌کنم که دفتر هماهنگی نام و راه تماس مرا به فرد داوطلبِ نام‌برده بدهد تا بتواند به من کمک کند. می‌توانم این رضایت را هر زمان پس بگیرم."],
  ["share-contact", "tr", "Onay: İletişim bilgilerimin bir gönüllüye verilmesi",
    "Koordinasyon bürosunun, bana yardım edebilmesi için adımı ve iletişim bilgilerimi adı geçen gönüllüye vermesine onay veriyorum. Bu onayı istediğim zaman geri alabilirim."],
  ["share-contact", "ru", "Согласие: передать мои контактные данные добровольцу",
    "Я даю согласие на то, чтобы координационный офис передал моё имя и мои контактные данные указанному добровольцу или указанной добровольнице, чтобы мне могли помочь. Я могу в любое время отозвать это согласие."],
];

async function insertMissing(db: Kysely<any>, table: string, texts: Text[]) {
  for (const [purpose, locale, title, body] of texts) {
    const exists = await db.selectFrom(table).select("id").where("purpose", "=", purpose).where("locale", "=", locale).where("version", "=", 1).executeTakeFirst();
    if (exists) continue;
    await db.insertInto(table).values({ purpose, version: 1, locale, title, body: `${body} ${NOTE[locale]}`, published_at: PUBLISHED }).execute();
  }
}

async function deleteOurs(db: Kysely<any>, table: string, texts: Text[]) {
  for (const [purpose, locale] of texts) {
    // Only a translation nobody consented to (consent records reference the text).
    const ref = table === "consent_text" ? "consent_record" : "household_consent";
    await db
      .deleteFrom(table)
      .where("purpose", "=", purpose)
      .where("locale", "=", locale)
      .where("version", "=", 1)
      .where("published_at", "=", PUBLISHED)
      .where("id", "not in", db.selectFrom(ref).select("consent_text_id"))
      .execute();
  }
}

export function migration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await insertMissing(db, "consent_text", VOLUNTEER_TEXTS);
      await insertMissing(db, "household_consent_text", HOUSEHOLD_TEXTS);
    },
    async down(db: Kysely<any>): Promise<void> {
      await deleteOurs(db, "consent_text", VOLUNTEER_TEXTS);
      await deleteOurs(db, "household_consent_text", HOUSEHOLD_TEXTS);
    },
  };
}
