/**
 * The demo's legal and help pages in Persian, Turkish and Russian (issue #18), like the other
 * languages in `legal.ts`: every name, address, phone number and e-mail is invented (example.org,
 * 000 numbers). Street and town names stay German, as on the letterbox.
 */
export const PAGES_FA_TR_RU: Array<{ slug: string; locale: string; title: string; body: string }> = [
  {
    slug: "impressum",
    locale: "fa",
    title: "شناسنامهٔ ناشر",
    body: `اطلاعات طبق بند ۵ قانون خدمات دیجیتال آلمان (DDG)

شهر Beispielwillich – دفتر هماهنگی کار داوطلبانه و ادغام
Musterplatz 1
47800 Beispielwillich
آلمان

به نمایندگی شهردار Max Mustermann (نام ساختگی)

تلفن (شمارهٔ ساختگی):
+49 2154 000 000-0
ایمیل:
koordination@example.org

مسئول محتوا: Jana Musterfrau، نشانی مانند بالا (نام ساختگی)

این یک نسخهٔ نمایشی با اطلاعات ساختگی است.`,
  },
  {
    slug: "impressum",
    locale: "tr",
    title: "Künye",
    body: `5. madde DDG (Alman Dijital Hizmetler Yasası) uyarınca bilgiler

Beispielwillich Belediyesi – Gönüllülük ve Uyum Koordinasyon Bürosu
Musterplatz 1
47800 Beispielwillich, Almanya

Temsilen: Belediye Başkanı Max Mustermann (hayali)

Telefon: +49 2154 000 000-0 (hayali)
E-posta: koordination@example.org

İçerikten sorumlu: Jana Musterfrau, adres yukarıdaki gibi (hayali)

Bu, uydurma bilgilerle hazırlanmış bir demodur.`,
  },
  {
    slug: "impressum",
    locale: "ru",
    title: "Выходные данные",
    body: `Сведения согласно § 5 DDG (немецкий Закон о цифровых услугах)

Город Beispielwillich – Координационный центр добровольчества и интеграции
Musterplatz 1
47800 Beispielwillich, Германия

В лице бургомистра Max Mustermann (вымышленное имя)

Телефон: +49 2154 000 000-0 (вымышленный)
E-mail: koordination@example.org

Ответственная за содержание: Jana Musterfrau, адрес как выше (вымышленное имя)

Это демоверсия с вымышленными данными.`,
  },
  {
    slug: "kontakt",
    locale: "fa",
    title: "تماس",
    body: `دفتر هماهنگی کار داوطلبانه و ادغام
Musterplatz 1، اتاق 104
47800 Beispielwillich

ساعات پذیرش: سه‌شنبه ۹ تا ۱۲ و پنجشنبه ۱۴ تا ۱۷
تلفن (شمارهٔ ساختگی):
+49 2154 000 000-104
ایمیل:
koordination@example.org

می‌توانید از طریق فرم زیر هم برای ما بنویسید.`,
  },
  {
    slug: "kontakt",
    locale: "tr",
    title: "İletişim",
    body: `Gönüllülük ve Uyum Koordinasyon Bürosu
Musterplatz 1, oda 104
47800 Beispielwillich

Görüşme saatleri: Salı 9–12 ve Perşembe 14–17
Telefon: +49 2154 000 000-104 (hayali)
E-posta: koordination@example.org

Bize aşağıdaki formla da yazabilirsiniz.`,
  },
  {
    slug: "kontakt",
    locale: "ru",
    title: "Контакты",
    body: `Координационный центр добровольчества и интеграции
Musterplatz 1, комната 104
47800 Beispielwillich

Часы приёма: вторник 9–12 и четверг 14–17
Телефон: +49 2154 000 000-104 (вымышленный)
E-mail: koordination@example.org

Вы также можете написать нам через форму ниже.`,
  },
  {
    slug: "barrierefreiheit",
    locale: "fa",
    title: "بیانیهٔ دسترس‌پذیری",
    body: `شهر Beispielwillich می‌کوشد این سامانه را مطابق آیین‌نامهٔ فناوری اطلاعات بدون مانع آلمان (BITV 2.0) برای همه دسترس‌پذیر کند.

وضعیت انطباق
این سامانه تا حد زیادی با BITV 2.0 سازگار است. به‌طور خودکار (axe) و دستی آزموده می‌شود، همچنین بدون JavaScript و به زبان‌های عربی و فارسی (از راست به چپ).

محتوای نه‌چندان دسترس‌پذیر
– عکس‌های کمک‌های غیرنقدی فقط توضیح کوتاهی دارند که اهداکنندگان خودشان می‌نویسند.
– تأییدیه‌های PDF که پیش از 05.12.2026 ساخته شده‌اند برچسب‌گذاری نشده‌اند.

تهیهٔ این بیانیه
این بیانیه در 05.12.2026 تهیه شده است (خودارزیابی).

بازخورد و تماس
ایرادی دیده‌اید؟ از فرم زیر استفاده کنید یا به barrierefreiheit@example.org (نشانی ساختگی) بنویسید. ظرف یک ماه پاسخ می‌دهیم.

روند داوری
اگر بازخورد شما به راه‌حل رضایت‌بخشی نرسید، می‌توانید به دفتر بازرس فناوری اطلاعات بدون مانع ایالت مراجعه کنید (نشانی نمونه: ombudsstelle@example.org، ساختگی). این روند رایگان است و به وکیل نیاز ندارید.`,
  },
  {
    slug: "barrierefreiheit",
    locale: "tr",
    title: "Erişilebilirlik beyanı",
    body: `Beispielwillich Belediyesi bu platformu Almanya’nın engelsiz bilgi teknolojisi yönetmeliğine (BITV 2.0) uygun olarak erişilebilir kılmaya çalışmaktadır.

Uygunluk durumu
Bu platform büyük ölçüde BITV 2.0 ile uyumludur. Otomatik (axe) ve elle, JavaScript olmadan ve sağdan sola yazılan dillerde (Arapça, Farsça) de test edilmektedir.

Erişilebilir olmayan içerikler
– Ayni bağış fotoğraflarında yalnızca bağışçıların kendilerinin yazdığı kısa açıklamalar vardır.
– 05.12.2026 tarihinden önce oluşturulan PDF onayları etiketli değildir.

Bu beyanın hazırlanması
Bu beyan 05.12.2026 tarihinde hazırlanmıştır (öz değerlendirme).

Geri bildirim ve iletişim
Bir eksiklik mi fark ettiniz? Aşağıdaki formu kullanın veya barrierefreiheit@example.org (hayali) adresine, telefon 02154 000 000-105 (hayali) numarasına yazın. Bir ay içinde yanıt veririz.

Uzlaştırma süreci
Geri bildiriminizden sonra da tatmin edici bir çözüm bulunamazsa eyaletin engelsiz bilgi teknolojisi ombudsmanlığına başvurabilirsiniz (örnek adres: ombudsstelle@example.org, hayali). Süreç ücretsizdir; avukata ihtiyacınız yoktur.`,
  },
  {
    slug: "barrierefreiheit",
    locale: "ru",
    title: "Заявление о доступности",
    body: `Город Beispielwillich стремится сделать эту платформу доступной в соответствии с немецким Положением о безбарьерных информационных технологиях (BITV 2.0).

Степень соответствия
Эта платформа в основном соответствует BITV 2.0. Её проверяют автоматически (axe) и вручную, также без JavaScript и на языках с письмом справа налево (арабский, персидский).

Недоступное содержимое
– У фотографий вещевых пожертвований есть только короткие описания, которые вводят сами жертвователи.
– PDF-подтверждения, созданные до 05.12.2026, не размечены тегами.

Составление заявления
Это заявление составлено 05.12.2026 (самооценка).

Отзывы и контакты
Заметили недостаток? Воспользуйтесь формой ниже или напишите на barrierefreiheit@example.org (вымышленный адрес), телефон 02154 000 000-105 (вымышленный). Мы отвечаем в течение месяца.

Процедура урегулирования
Если после вашего отзыва удовлетворительное решение не найдено, вы можете обратиться к омбудсмену по безбарьерным ИТ вашей федеральной земли (пример адреса: ombudsstelle@example.org, вымышленный). Процедура бесплатна; адвокат не нужен.`,
  },
  { slug: "hilfe-ehrenamt", locale: "fa", title: "راهنما برای داوطلبان", body: "چگونه همراه شوید: در «همکاری» یک حساب می‌سازید، نمایهٔ خود را پر می‌کنید و رضایت‌ها را می‌دهید. سپس دفتر هماهنگی شما را به یک گفت‌وگوی نخست دعوت می‌کند.\n\nدر «بخش من» فعالیت‌هایتان را می‌بینید، ساعت‌ها را ثبت می‌کنید و به درخواست‌های حمل‌ونقل پاسخ می‌دهید.\n\nپرسشی دارید؟ تلفن 02154 000 000-104 (ساختگی) یا فرم تماس." },
  { slug: "hilfe-ehrenamt", locale: "tr", title: "Gönüllüler için yardım", body: "Nasıl katılırsınız: “Katıl” bölümünde bir hesap açar, profilinizi doldurur ve onaylarınızı verirsiniz. Ardından koordinasyon bürosu sizi bir ön görüşmeye davet eder.\n\n“Alanım” bölümünde görevlerinizi görür, saatlerinizi girer ve taşıma taleplerini yanıtlarsınız.\n\nSorunuz mu var? Telefon 02154 000 000-104 (hayali) veya iletişim formu." },
  { slug: "hilfe-ehrenamt", locale: "ru", title: "Помощь для добровольцев", body: "Как присоединиться: в разделе «Участвовать» вы создаёте учётную запись, заполняете профиль и даёте согласия. Затем координационный центр приглашает вас на первую беседу.\n\nВ разделе «Мой раздел» вы видите свои задания, вносите часы и отвечаете на запросы о перевозках.\n\nЕсть вопросы? Телефон 02154 000 000-104 (вымышленный) или форма обратной связи." },
  { slug: "hilfe-verein", locale: "fa", title: "راهنما برای انجمن‌ها و ابتکارها", body: "در «سازمان من» اطلاعات انجمن خود و داوطلبانی را که نزد شما فعالیت می‌کنند می‌بینید. لطفاً تغییر اطلاعات انجمن را به دفتر هماهنگی اطلاع دهید.\n\nساعت‌های داوطلبانتان را پس از ثبت تأیید کنید." },
  { slug: "hilfe-verein", locale: "tr", title: "Dernekler ve girişimler için yardım", body: "“Kuruluşum” bölümünde derneğinizin bilgilerini ve sizinle çalışan gönüllüleri görürsünüz. Dernek bilgilerindeki değişiklikleri lütfen koordinasyon bürosuna bildirin.\n\nGönüllülerinizin saatlerini girildikten sonra onaylarsınız." },
  { slug: "hilfe-verein", locale: "ru", title: "Помощь для объединений и инициатив", body: "В разделе «Моя организация» вы видите данные вашего объединения и добровольцев, которые у вас работают. Об изменениях в данных объединения сообщите, пожалуйста, координационному центру.\n\nЧасы ваших добровольцев вы подтверждаете, как только они внесены." },
  { slug: "hilfe-spenden", locale: "fa", title: "راهنما برای اهداکنندگان", body: "در «کمک‌های غیرنقدی» می‌بینید که الان به چه چیزی نیاز است و کمک غیرنقدی پیشنهاد می‌دهید – حتی بدون حساب. ایمیلی با یک پیوند شخصی دریافت می‌کنید که با آن پیشنهادتان را تأیید، تغییر یا پس می‌گیرید.\n\nاطلاعات تماس شما را فقط دفتر هماهنگی می‌بیند." },
  { slug: "hilfe-spenden", locale: "tr", title: "Bağışçılar için yardım", body: "“Ayni bağışlar” bölümünde şu anda neye ihtiyaç olduğunu görür ve ayni bağış önerirsiniz – hesap olmadan da. Teklifinizi onaylamak, değiştirmek veya geri çekmek için kişisel bağlantı içeren bir e-posta alırsınız.\n\nİletişim bilgilerinizi yalnızca koordinasyon bürosu görür." },
  { slug: "hilfe-spenden", locale: "ru", title: "Помощь для жертвователей", body: "В разделе «Вещевые пожертвования» вы видите, что нужно сейчас, и предлагаете вещи – даже без учётной записи. Вы получите письмо с личной ссылкой, по которой подтвердите, измените или отзовёте своё предложение.\n\nВаши контактные данные видит только координационный центр." },
  { slug: "hilfe-raum", locale: "fa", title: "راهنمای درخواست اتاق", body: "در «اتاق‌ها» تقویم اتاق گروهی را می‌بینید و درخواست می‌دهید – حتی بدون حساب. درخواست را با پیوند داخل ایمیل تأیید کنید؛ سپس دفتر هماهنگی آن را می‌پذیرد یا رد می‌کند.\n\nبا پیوند داخل ایمیل درخواستتان را تغییر می‌دهید یا لغو می‌کنید." },
  { slug: "hilfe-raum", locale: "tr", title: "Oda talebi için yardım", body: "“Odalar” bölümünde grup odasının takvimini görür ve talepte bulunursunuz – hesap olmadan da. Talebi e-postadaki bağlantıyla onaylayın; ardından koordinasyon bürosu kabul eder veya reddeder.\n\nE-postadaki bağlantıyla talebinizi değiştirir veya iptal edersiniz." },
  { slug: "hilfe-raum", locale: "ru", title: "Помощь с запросом помещения", body: "В разделе «Помещения» вы видите календарь групповой комнаты и отправляете запрос – даже без учётной записи. Подтвердите запрос по ссылке из письма; затем координационный центр даст согласие или откажет.\n\nПо ссылке из письма вы измените или отмените свой запрос." },
  { slug: "hilfe-koordination", locale: "fa", title: "راهنما برای دفتر هماهنگی", body: "صندوق ورودی همهٔ کارهای لازم را نشان می‌دهد: داوطلبان تازه، درخواست‌های اتاق، پیشنهادهای کمک، مدارکی که اعتبارشان رو به پایان است.\n\nمتن‌های شناسنامهٔ ناشر، تماس، دسترس‌پذیری و همین صفحه‌های راهنما را در «صفحه‌ها و راهنما» ویرایش می‌کنید." },
  { slug: "hilfe-koordination", locale: "tr", title: "Koordinasyon bürosu için yardım", body: "Gelen kutusu yapılacak her şeyi gösterir: yeni gönüllüler, oda talepleri, bağış teklifleri, süresi dolan belgeler.\n\nKünye, iletişim, erişilebilirlik ve bu yardım sayfalarının metinlerini “Sayfalar ve yardım” bölümünde düzenlersiniz." },
  { slug: "hilfe-koordination", locale: "ru", title: "Помощь для координационного центра", body: "Во входящих показано всё, что нужно сделать: новые добровольцы, запросы помещений, предложения пожертвований, истекающие документы.\n\nТексты выходных данных, контактов, заявления о доступности и этих страниц помощи вы редактируете в разделе «Страницы и помощь»." },
];
