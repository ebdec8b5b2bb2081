import type { Kysely } from "kysely";
import type { DB } from "../schema";
import { PAGES_FA_TR_RU } from "./legal-fa-tr-ru";

/**
 * Fictitious texts of the public legal and help pages for the Willich-like demo (the office edits
 * them at /office/seiten), every page in German, English, Arabic and Ukrainian. Every name,
 * address, phone number and e-mail is invented (example.org).
 */
const PAGES: Array<{ slug: string; locale: string; title: string; body: string }> = [
  {
    slug: "impressum",
    locale: "de",
    title: "Impressum",
    body: `Angaben gemäß § 5 DDG

Stadt Beispielwillich – Koordinierungsstelle Ehrenamt und Integration
Musterplatz 1
47800 Beispielwillich

Vertreten durch den Bürgermeister Max Mustermann (fiktiv)

Telefon: 02154 000 000-0 (fiktiv)
E-Mail: koordination@example.org

Die Stadt ist eine Körperschaft des öffentlichen Rechts.
Umsatzsteuer-Identifikationsnummer: DE000000000 (fiktiv)

Verantwortlich für den Inhalt: Jana Musterfrau, Anschrift wie oben (fiktiv)

Dies ist eine Demo mit erfundenen Angaben.`,
  },
  {
    slug: "impressum",
    locale: "en",
    title: "Legal notice",
    body: `Information under § 5 DDG (German Digital Services Act)

Town of Beispielwillich – Coordination office for volunteering and integration
Musterplatz 1
47800 Beispielwillich, Germany

Represented by the mayor Max Mustermann (fictitious)

Phone: +49 2154 000 000-0 (fictitious)
E-mail: koordination@example.org

This is a demo with invented details.`,
  },
  {
    slug: "kontakt",
    locale: "de",
    title: "Kontakt",
    body: `Koordinierungsstelle Ehrenamt und Integration
Musterplatz 1, Zimmer 104
47800 Beispielwillich

Sprechzeiten: Dienstag 9–12 Uhr und Donnerstag 14–17 Uhr
Telefon: 02154 000 000-104 (fiktiv)
E-Mail: koordination@example.org

Sie können uns auch über das Formular unten schreiben.`,
  },
  {
    slug: "kontakt",
    locale: "en",
    title: "Contact",
    body: `Coordination office for volunteering and integration
Musterplatz 1, room 104
47800 Beispielwillich

Office hours: Tuesday 9 am–12 noon and Thursday 2–5 pm
Phone: +49 2154 000 000-104 (fictitious)
E-mail: koordination@example.org

You can also write to us with the form below.`,
  },
  {
    slug: "barrierefreiheit",
    locale: "de",
    title: "Erklärung zur Barrierefreiheit",
    body: `Die Stadt Beispielwillich ist bemüht, diese Plattform im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen.

Stand der Vereinbarkeit
Diese Plattform ist weitgehend mit der BITV 2.0 vereinbar. Sie wird mit automatischen Prüfungen (axe) und von Hand getestet, auch ohne JavaScript und in Arabisch (von rechts nach links).

Nicht barrierefreie Inhalte
– Fotos von Sachspenden haben nur kurze Beschreibungen, die die Spenderinnen und Spender selbst eingeben.
– PDF-Bestätigungen, die vor dem 05.12.2026 erzeugt wurden, sind nicht getaggt.

Erstellung dieser Erklärung
Diese Erklärung wurde am 05.12.2026 erstellt (Selbstbewertung).

Feedback und Kontakt
Sind Ihnen Mängel aufgefallen? Nutzen Sie das Formular unten oder schreiben Sie an barrierefreiheit@example.org (fiktiv), Telefon 02154 000 000-105 (fiktiv). Wir antworten innerhalb eines Monats.

Schlichtungsverfahren
Wenn auch nach Ihrem Feedback keine zufriedenstellende Lösung gefunden wurde, können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des Landes wenden (in NRW: die Überwachungsstelle bei der Landesbeauftragten; Beispieladresse: ombudsstelle@example.org, fiktiv). Für Stellen des Bundes ist die Schlichtungsstelle nach § 16 BGG zuständig. Das Verfahren ist kostenlos; Sie brauchen keinen Rechtsbeistand.`,
  },
  {
    slug: "barrierefreiheit",
    locale: "en",
    title: "Accessibility statement",
    body: `The town of Beispielwillich strives to make this platform accessible in line with the German accessibility regulation (BITV 2.0).

State of compliance
This platform is largely compliant with BITV 2.0. It is tested automatically (axe) and by hand, also without JavaScript and in Arabic (right to left).

Content that is not accessible
– Photos of donations only have short descriptions entered by the donors themselves.
– PDF confirmations created before 5 December 2026 are not tagged.

Feedback and contact
Have you noticed a problem? Use the form below or write to barrierefreiheit@example.org (fictitious). We answer within one month.

Enforcement procedure
If your feedback does not lead to a satisfactory solution, you can turn to the state's ombudsperson for accessible IT (example address: ombudsstelle@example.org, fictitious). The procedure is free of charge.`,
  },
  { slug: "hilfe-ehrenamt", locale: "de", title: "Hilfe für Ehrenamtliche", body: "So machen Sie mit: Unter „Mitmachen“ legen Sie ein Konto an, füllen Ihr Profil aus und geben die Einwilligungen ab. Danach lädt Sie die Koordinierungsstelle zu einem Erstgespräch ein.\n\nUnter „Mein Bereich“ sehen Sie Ihre Einsätze, tragen Stunden ein und beantworten Anfragen für Fahrten.\n\nFragen? Telefon 02154 000 000-104 (fiktiv) oder das Kontaktformular." },
  { slug: "hilfe-verein", locale: "de", title: "Hilfe für Vereine und Initiativen", body: "Unter „Meine Organisation“ sehen Sie die Angaben Ihres Vereins und die Ehrenamtlichen, die bei Ihnen eingesetzt sind. Änderungen an den Vereinsdaten teilen Sie bitte der Koordinierungsstelle mit.\n\nStunden Ihrer Ehrenamtlichen bestätigen Sie, sobald sie eingetragen sind." },
  { slug: "hilfe-spenden", locale: "de", title: "Hilfe für Spenderinnen und Spender", body: "Unter „Sachspenden“ sehen Sie, was gerade gebraucht wird, und bieten Sachspenden an – auch ohne Konto. Sie bekommen eine E-Mail mit einem persönlichen Link, mit dem Sie Ihr Angebot bestätigen, ändern oder zurückziehen.\n\nIhre Kontaktdaten sieht nur die Koordinierungsstelle." },
  { slug: "hilfe-raum", locale: "de", title: "Hilfe zur Raumanfrage", body: "Unter „Räume“ sehen Sie den Kalender des Gruppenraums und stellen eine Anfrage – auch ohne Konto. Bestätigen Sie die Anfrage über den Link in der E-Mail; die Koordinierungsstelle sagt dann zu oder ab.\n\nMit dem Link aus der E-Mail ändern oder stornieren Sie Ihre Anfrage." },
  { slug: "hilfe-koordination", locale: "de", title: "Hilfe für die Koordinierungsstelle", body: "Der Eingang zeigt alles, was zu tun ist: neue Ehrenamtliche, Raumanfragen, Spendenangebote, ablaufende Nachweise.\n\nDie Texte von Impressum, Kontakt, Barrierefreiheit und dieser Hilfeseiten pflegen Sie unter „Seiten und Hilfe“." },
  {
    slug: "impressum",
    locale: "ar",
    title: "بيانات الناشر",
    body: `معلومات وفقًا للمادة 5 من قانون الخدمات الرقمية الألماني (DDG)

مدينة Beispielwillich – مكتب تنسيق العمل التطوعي والاندماج
Musterplatz 1
47800 Beispielwillich
ألمانيا

يمثّلها رئيس البلدية Max Mustermann (اسم وهمي)

الهاتف (رقم وهمي):
+49 2154 000 000-0
البريد الإلكتروني:
koordination@example.org

المسؤولة عن المحتوى: Jana Musterfrau، العنوان كما هو أعلاه (اسم وهمي)

هذا عرض تجريبي ببيانات مختلقة.`,
  },
  {
    slug: "impressum",
    locale: "uk",
    title: "Вихідні дані",
    body: `Відомості згідно з § 5 DDG (німецький Закон про цифрові послуги)

Місто Beispielwillich – Координаційний центр волонтерства та інтеграції
Musterplatz 1
47800 Beispielwillich, Німеччина

Представник: бургомістр Max Mustermann (вигадане ім’я)

Телефон: +49 2154 000 000-0 (вигаданий)
E-mail: koordination@example.org

Відповідальна за зміст: Jana Musterfrau, адреса як вище (вигадане ім’я)

Це демоверсія з вигаданими даними.`,
  },
  {
    slug: "kontakt",
    locale: "ar",
    title: "التواصل",
    body: `مكتب تنسيق العمل التطوعي والاندماج
Musterplatz 1، الغرفة 104
47800 Beispielwillich

أوقات الاستقبال: الثلاثاء من 9 إلى 12 والخميس من 14 إلى 17
الهاتف (رقم وهمي):
+49 2154 000 000-104
البريد الإلكتروني:
koordination@example.org

يمكنك أيضًا مراسلتنا عبر النموذج أدناه.`,
  },
  {
    slug: "kontakt",
    locale: "uk",
    title: "Контакти",
    body: `Координаційний центр волонтерства та інтеграції
Musterplatz 1, кімната 104
47800 Beispielwillich

Години прийому: вівторок 9–12 та четвер 14–17
Телефон: +49 2154 000 000-104 (вигаданий)
E-mail: koordination@example.org

Ви також можете написати нам через форму нижче.`,
  },
  {
    slug: "barrierefreiheit",
    locale: "ar",
    title: "بيان إمكانية الوصول",
    body: `تسعى مدينة Beispielwillich إلى جعل هذه المنصة متاحة للجميع وفقًا للائحة الألمانية لتقنية المعلومات الخالية من العوائق (BITV 2.0).

حالة التوافق
هذه المنصة متوافقة إلى حد كبير مع BITV 2.0. تُختبر آليًا (axe) ويدويًا، وكذلك دون JavaScript وباللغة العربية (من اليمين إلى اليسار).

محتوى غير متاح بالكامل
– صور التبرعات العينية لها أوصاف قصيرة فقط يكتبها المتبرعون بأنفسهم.
– ملفات التأكيد بصيغة PDF التي أُنشئت قبل 05.12.2026 غير موسومة.

إعداد هذا البيان
أُعدّ هذا البيان في 05.12.2026 (تقييم ذاتي).

الملاحظات والتواصل
هل لاحظت عيبًا؟ استخدم النموذج أدناه أو اكتب إلى barrierefreiheit@example.org (عنوان وهمي). نجيب خلال شهر واحد.

إجراء التحكيم
إذا لم تؤدِّ ملاحظتك إلى حل مُرضٍ، يمكنك التوجه إلى مكتب أمين المظالم لتقنية المعلومات الخالية من العوائق في الولاية (عنوان تجريبي: ombudsstelle@example.org، وهمي). الإجراء مجاني ولا تحتاج إلى محامٍ.`,
  },
  {
    slug: "barrierefreiheit",
    locale: "uk",
    title: "Заява про доступність",
    body: `Місто Beispielwillich прагне зробити цю платформу доступною відповідно до німецького Положення про безбар’єрні інформаційні технології (BITV 2.0).

Стан відповідності
Ця платформа здебільшого відповідає BITV 2.0. Її перевіряють автоматично (axe) і вручну, також без JavaScript і арабською мовою (справа наліво).

Недоступний вміст
– Фото речових пожертв мають лише короткі описи, які вводять самі жертводавці.
– PDF-підтвердження, створені до 05.12.2026, не мають тегів.

Складання цієї заяви
Цю заяву складено 05.12.2026 (самооцінка).

Відгуки та контакти
Помітили недолік? Скористайтеся формою нижче або напишіть на barrierefreiheit@example.org (вигадана адреса). Ми відповідаємо протягом місяця.

Процедура врегулювання
Якщо ваш відгук не приведе до задовільного рішення, ви можете звернутися до омбудсмена з безбар’єрних ІТ вашої федеральної землі (приклад адреси: ombudsstelle@example.org, вигадана). Процедура безкоштовна, адвокат не потрібен.`,
  },
  { slug: "hilfe-ehrenamt", locale: "en", title: "Help for volunteers", body: "How to take part: under “Volunteer” you create an account, fill in your profile and give your consent. The coordination office then invites you to a first talk.\n\nUnder “My area” you see your assignments, enter your hours and answer requests for transport trips.\n\nQuestions? Phone +49 2154 000 000-104 (fictitious) or the contact form." },
  { slug: "hilfe-ehrenamt", locale: "ar", title: "مساعدة للمتطوعين", body: "كيف تشارك: من خلال „شارك معنا“ تنشئ حسابًا وتملأ ملفك الشخصي وتعطي موافقاتك. بعد ذلك يدعوك مكتب التنسيق إلى لقاء تعارف أول.\n\nفي „صفحتي“ ترى مهامك وتسجّل ساعاتك وتجيب عن طلبات النقل.\n\nلديك أسئلة؟ استخدم نموذج التواصل أو اتصل بنا (رقم وهمي):\n+49 2154 000 000-104" },
  { slug: "hilfe-ehrenamt", locale: "uk", title: "Допомога для волонтерів", body: "Як долучитися: у розділі «Долучитися» ви створюєте обліковий запис, заповнюєте профіль і надаєте згоди. Після цього координаційний центр запрошує вас на першу розмову.\n\nУ розділі «Мій кабінет» ви бачите свої призначення, вносите години та відповідаєте на запити щодо перевезень.\n\nЄ питання? Телефон +49 2154 000 000-104 (вигаданий) або контактна форма." },
  { slug: "hilfe-verein", locale: "en", title: "Help for associations and initiatives", body: "Under “My organisation” you see your association's details and the volunteers working with you. Please tell the coordination office about changes to your association's details.\n\nConfirm your volunteers' hours as soon as they have been entered." },
  { slug: "hilfe-verein", locale: "ar", title: "مساعدة للجمعيات والمبادرات", body: "في „منظمتي“ ترى بيانات جمعيتك والمتطوعين العاملين لديكم. يُرجى إبلاغ مكتب التنسيق بأي تغيير في بيانات الجمعية.\n\nأكّد ساعات متطوعيك فور تسجيلها." },
  { slug: "hilfe-verein", locale: "uk", title: "Допомога для об’єднань та ініціатив", body: "У розділі «Моя організація» ви бачите дані вашого об’єднання та волонтерів, які працюють у вас. Про зміни в даних об’єднання повідомляйте, будь ласка, координаційний центр.\n\nПідтверджуйте години ваших волонтерів, щойно їх внесено." },
  { slug: "hilfe-spenden", locale: "en", title: "Help for donors", body: "Under “Donations” you see what is needed right now and offer material donations – also without an account. You get an e-mail with a personal link to confirm, change or withdraw your offer.\n\nOnly the coordination office sees your contact details." },
  { slug: "hilfe-spenden", locale: "ar", title: "مساعدة للمتبرعين", body: "في „التبرعات العينية“ ترى ما هو مطلوب الآن وتعرض تبرعات عينية – حتى دون حساب. تصلك رسالة بريد إلكتروني فيها رابط شخصي تؤكد به عرضك أو تغيّره أو تسحبه.\n\nلا يرى بيانات التواصل الخاصة بك إلا مكتب التنسيق." },
  { slug: "hilfe-spenden", locale: "uk", title: "Допомога для жертводавців", body: "У розділі «Речові пожертви» ви бачите, що потрібно зараз, і пропонуєте речові пожертви – також без облікового запису. Ви отримаєте e-mail з особистим посиланням, за яким можна підтвердити, змінити або відкликати пропозицію.\n\nВаші контактні дані бачить лише координаційний центр." },
  { slug: "hilfe-raum", locale: "en", title: "Help with room requests", body: "Under “Rooms” you see the group room's calendar and make a request – also without an account. Confirm the request with the link in the e-mail; the coordination office then accepts or declines it.\n\nWith the link from the e-mail you change or cancel your request." },
  { slug: "hilfe-raum", locale: "ar", title: "مساعدة لطلب قاعة", body: "في „القاعات“ ترى تقويم قاعة المجموعات وتقدّم طلبًا – حتى دون حساب. أكّد الطلب عبر الرابط في رسالة البريد الإلكتروني؛ بعدها يوافق مكتب التنسيق على الطلب أو يرفضه.\n\nبالرابط الوارد في رسالة البريد الإلكتروني تغيّر طلبك أو تلغيه." },
  { slug: "hilfe-raum", locale: "uk", title: "Допомога із запитом на приміщення", body: "У розділі «Приміщення» ви бачите календар групової кімнати та надсилаєте запит – також без облікового запису. Підтвердьте запит за посиланням в e-mail; після цього координаційний центр погоджує або відхиляє його.\n\nЗа посиланням з e-mail ви змінюєте або скасовуєте свій запит." },
  { slug: "hilfe-koordination", locale: "en", title: "Help for the coordination office", body: "The inbox shows everything to do: new volunteers, room requests, donation offers, expiring certificates.\n\nYou keep the texts of the legal notice, contact, accessibility and these help pages under “Pages and help”." },
  { slug: "hilfe-koordination", locale: "ar", title: "مساعدة لمكتب التنسيق", body: "يعرض صندوق الوارد كل ما يجب إنجازه: متطوعون جدد، طلبات قاعات، عروض تبرعات، وثائق تنتهي صلاحيتها.\n\nتحرّر نصوص بيانات الناشر والتواصل وإمكانية الوصول وصفحات المساعدة هذه في „الصفحات والمساعدة“." },
  { slug: "hilfe-koordination", locale: "uk", title: "Допомога для координаційного центру", body: "У вхідних показано все, що треба зробити: нові волонтери, запити на приміщення, пропозиції пожертв, документи, термін дії яких спливає.\n\nТексти вихідних даних, контактів, заяви про доступність і цих сторінок допомоги ви редагуєте в розділі «Сторінки й допомога»." },
];

export async function seedLegalPages(db: Kysely<DB>) {
  const now = new Date().toISOString();
  await db
    .insertInto("legal_page")
    .values([...PAGES, ...PAGES_FA_TR_RU].map((p) => ({ ...p, updated_by: null, updated_at: now })))
    .execute();
}
