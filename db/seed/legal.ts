import type { Kysely } from "kysely";
import type { DB } from "../schema";

/**
 * Fictitious texts of the public legal and help pages for the Willich-like demo (the office edits
 * them at /office/seiten). Every address, phone number and e-mail is invented (example.org).
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
  { slug: "hilfe-ehrenamt", locale: "de", title: "Hilfe für Ehrenamtliche", body: "So machen Sie mit: Unter „Mitmachen“ legen Sie ein Konto an, füllen Ihr Profil aus und geben die Einwilligungen ab. Danach lädt Sie die Koordinierungsstelle zu einem Erstgespräch ein.\n\nUnter „Mein Konto“ sehen Sie Ihre Einsätze, tragen Stunden ein und beantworten Anfragen für Fahrten.\n\nFragen? Telefon 02154 000 000-104 (fiktiv) oder das Kontaktformular." },
  { slug: "hilfe-verein", locale: "de", title: "Hilfe für Vereine und Initiativen", body: "Unter „Mein Verein“ sehen Sie die Angaben Ihres Vereins und die Ehrenamtlichen, die bei Ihnen eingesetzt sind. Änderungen an den Vereinsdaten teilen Sie bitte der Koordinierungsstelle mit.\n\nStunden Ihrer Ehrenamtlichen bestätigen Sie, sobald sie eingetragen sind." },
  { slug: "hilfe-spenden", locale: "de", title: "Hilfe für Spenderinnen und Spender", body: "Unter „Spenden“ sehen Sie, was gerade gebraucht wird, und bieten Sachspenden an – auch ohne Konto. Sie bekommen eine E-Mail mit einem persönlichen Link, mit dem Sie Ihr Angebot bestätigen, ändern oder zurückziehen.\n\nIhre Kontaktdaten sieht nur die Koordinierungsstelle." },
  { slug: "hilfe-raum", locale: "de", title: "Hilfe zur Raumanfrage", body: "Unter „Räume“ sehen Sie den Kalender des Gruppenraums und stellen eine Anfrage – auch ohne Konto. Bestätigen Sie die Anfrage über den Link in der E-Mail; die Koordinierungsstelle sagt dann zu oder ab.\n\nMit dem Link aus der E-Mail ändern oder stornieren Sie Ihre Anfrage." },
  { slug: "hilfe-koordination", locale: "de", title: "Hilfe für die Koordinierungsstelle", body: "Der Eingang zeigt alles, was zu tun ist: neue Ehrenamtliche, Raumanfragen, Spendenangebote, ablaufende Nachweise.\n\nDie Texte von Impressum, Kontakt, Barrierefreiheit und dieser Hilfeseiten pflegen Sie unter „Seiten und Hilfe“." },
];

export async function seedLegalPages(db: Kysely<DB>) {
  const now = new Date().toISOString();
  await db
    .insertInto("legal_page")
    .values(PAGES.map((p) => ({ ...p, updated_by: null, updated_at: now })))
    .execute();
}
