/**
 * The route × role matrix as data: one entry per file in `app/routes` (its name without the
 * extension), each with the URL built from the fixture's ids and the answer per role for GET,
 * for a POST with an empty form, and per intent. Notation and shorthands: `table.ts`; the
 * roles and the records of each side: `fixture.ts`.
 *
 * Adding a route = adding one entry here (`MATRIX_RECORD=1` prints what every role gets; check
 * each answer against the route's policy before writing it down).
 *
 * Ids belong to one side: B's assignment (with Y), B's hours, B's transport and booking, Y's
 * organisation. "Other side" answers are 404 where the route hides that a record exists
 * (a member of X asking for Y's records), 403 where the role may not use the route at all.
 * An authorised empty form is a 400 — or a 404 where the form names no record to act on
 * (remove-blackout, photo alt/delete/up/down, revoke-feed, a room request decision).
 */
import { SIDE_B } from "./fixture";
import { sealWorld } from "./seal-fixture";
import { privacyWorld } from "./privacy-fixture";
import { messagesWorld } from "./messages-fixture";
import { taskWorld } from "./task-fixture";
import { all, anonymousOnly, associations, office, adminOnly, signedIn, staff, volunteers, type Row } from "./table";

const B_ACTIVITY = SIDE_B.activity;

export const ROWS: Record<string, Row | Row[]> = {
  // ── public pages and files ────────────────────────────────────────────────────────────
  $: { url: () => "/gibt-es-nicht", get: all(404) },
  _index: { url: () => "/", get: all(200) },
  datenschutz: { url: () => "/datenschutz", get: all(200) },
  impressum: { url: () => "/impressum", get: all(200) },
  kontakt: { url: () => "/kontakt", get: all(200), post: all(400) },
  barrierefreiheit: { url: () => "/barrierefreiheit", get: all(200), post: all(400) },
  "hilfe._index": { url: () => "/hilfe", get: all(200) },
  "hilfe.$group": [
    { url: () => "/hilfe/raum", get: all(200) },
    { label: "unknown group", url: () => "/hilfe/gibt-es-nicht", get: all(404) },
  ],
  healthz: { url: () => "/healthz", get: all(200) },
  "locales.$lang": [
    { url: () => "/locales/en", get: all(200) },
    { label: "unknown language", url: () => "/locales/xx", get: all(404) },
  ],
  "theme[.]css": { url: () => "/theme.css", get: all(200) },
  "set-language": { url: () => "/set-language?lng=en", get: all("→/"), post: all("→/") },

  // ── accounts ──────────────────────────────────────────────────────────────────────────
  login: { url: () => "/login", get: anonymousOnly(200), post: anonymousOnly(400) },
  // The second step of a login: without a pending first step, back to the login page.
  "login_.zwei-faktor": { url: () => "/login/zwei-faktor", get: anonymousOnly("→/login"), post: anonymousOnly("→/login") },
  register: { url: () => "/register", get: anonymousOnly(200), post: anonymousOnly(400) },
  logout: { url: () => "/logout", get: all("→/"), post: all("→/") },
  "check-mail": { url: () => "/check-mail", get: all(200) },
  "forgot-password": { url: () => "/forgot-password", get: all(200), post: all(400) },
  "reset-password.$token": { url: (f) => `/reset-password/${f.resetToken}`, get: all(200), post: all(400) },
  // The token is the credential (ADR 0006): anyone holding the link may use it, once.
  "verify-email.$token": { url: async (f) => `/verify-email/${await f.fresh.emailToken("verify_email")}`, get: all("→/login") },
  "confirm-email.$token": {
    url: async (f) => `/confirm-email/${await f.fresh.emailToken("change_email")}`,
    get: all(200),
    post: all("→/login"),
  },

  // ── the volunteer's own pages (/me, /mitmachen) ──────────────────────────────────────
  "mitmachen._index": { url: () => "/mitmachen", get: all(200) },
  // Step 1 (the account) is for anonymous visitors; volunteers go on to step 2, other roles to their own page.
  "mitmachen.konto": {
    url: () => "/mitmachen/konto",
    get: { anonymous: 200, "*": "→/me", volunteerA: "→/mitmachen/profil", volunteerB: "→/mitmachen/profil" },
    post: { anonymous: 400, "*": "→/me", volunteerA: "→/mitmachen/profil", volunteerB: "→/mitmachen/profil" },
  },
  "mitmachen.profil": { url: () => "/mitmachen/profil", get: volunteers("→/me"), post: volunteers("→/me") },
  "mitmachen.einwilligung": { url: () => "/mitmachen/einwilligung", get: volunteers(200), post: volunteers(400) },
  "me._index": { url: () => "/me", get: signedIn(200) },
  "me.konto": { url: () => "/me/konto", get: signedIn(200), post: signedIn(400), intents: ["change-profile", "change-email", "change-password"] },
  "me.konto_.zwei-faktor": { url: () => "/me/konto/zwei-faktor", get: signedIn(200), post: signedIn(400), intents: { start: signedIn("→/me/konto/zwei-faktor"), confirm: signedIn(400), disable: signedIn(400) } },
  "me.anfragen": { url: () => "/me/anfragen", get: signedIn(200) },
  "me.daten_.auskunft": { url: () => "/me/daten/auskunft", get: signedIn(200) },
  "me.daten": { url: () => "/me/daten", get: signedIn(200), post: volunteers(400) },
  "me.daten[.]json": { url: () => "/me/daten.json", get: signedIn(200) },
  "me.daten[.]pdf": { url: () => "/me/daten.pdf", get: signedIn(200) },
  "me.profil": { url: () => "/me/profil", get: volunteers(200), post: volunteers(400) },
  // Coordinators and admins hold read:volunteer:any, which covers their own (empty) consent page.
  "me.einwilligungen": { url: () => "/me/einwilligungen", get: { ...volunteers(200), coordinator: 200, admin: 200 }, post: volunteers(400) },
  "me.certificate": { url: () => "/me/certificate", get: volunteers(200) },
  "me.assignments": {
    url: () => "/me/assignments",
    get: signedIn(200),
    secret: { text: () => B_ACTIVITY, hiddenFrom: ["volunteerA", "memberX", "memberY", "coordinator", "admin"] },
  },
  "me.assignments.$id.$document": [
    { label: "B's assignment", url: (f) => `/me/assignments/${f.assignmentB.id}/confirmation.pdf`, get: { anonymous: "login", "*": 404, volunteerB: 200 } },
    { label: "unknown document", url: (f) => `/me/assignments/${f.assignmentB.id}/secret.pdf`, get: { anonymous: "login", "*": 404 } },
  ],
  "me.hours": [
    {
      url: () => "/me/hours",
      get: volunteers(200),
      post: volunteers(400),
      secret: { text: () => B_ACTIVITY, hiddenFrom: ["volunteerA"] },
    },
    {
      label: "hours on B's assignment",
      url: () => "/me/hours",
      // A valid form for B's assignment: only B may log it; A gets the form back (nothing written).
      form: (f) => ({ assignmentId: String(f.assignmentB.id), day: "2026-03-03", hours: "2" }),
      post: { ...volunteers(400), volunteerB: "→/me/hours" },
    },
  ],
  "me.transports": [
    { url: () => "/me/transports", get: signedIn(200), post: signedIn(400) },
    {
      label: "answering B's transport",
      url: () => "/me/transports",
      form: (f) => ({ transportId: String(f.transportB.id), answer: "declined", reason: "keine Zeit" }),
      // Only B may answer B's request; for everyone else it does not exist.
      post: { anonymous: "login", "*": 404, volunteerB: "→/me/transports" },
    },
  ],

  // ── tandems (sponsorships part B): the sponsor's page, the office's pages, the household's link ──
  // Only B's own tandem: A holds the permission but the tandem is not theirs (404); staff have no /me tandem (403).
  "me.sponsorships.$id": [
    {
      url: (f) => `/me/sponsorships/${f.tandemB.id}`,
      get: { anonymous: "login", "*": 403, volunteerA: 404, volunteerB: 200 },
      post: { anonymous: "login", "*": 403, volunteerA: 404, volunteerB: 400 },
      intents: ["log", "hours"],
    },
    {
      label: "unknown tandem",
      url: () => "/me/sponsorships/999999",
      get: { anonymous: "login", "*": 403, volunteerA: 404, volunteerB: 404 },
      post: { anonymous: "login", "*": 403, volunteerA: 404, volunteerB: 404 },
    },
  ],
  "me.sponsorships.$id.certificate[.]pdf": {
    url: (f) => `/me/sponsorships/${f.tandemB.id}/certificate.pdf?lang=ar`,
    get: { anonymous: "login", "*": 403, volunteerA: 404, volunteerB: 200 },
  },
  "office.sponsorships.tandems._index": { url: () => "/office/sponsorships/tandems?status=trial", get: office(200) },
  "office.sponsorships.tandems.$id": [
    {
      url: (f) => `/office/sponsorships/tandems/${f.tandemB.id}`,
      get: office(200),
      post: office(400),
      intents: ["plan", "held", "trial-check-in", "check-in", "end", "revoke-links"],
    },
    { label: "unknown tandem", url: () => "/office/sponsorships/tandems/999999", get: office(404), post: office(404) },
  ],
  "office.sponsorships.funding": [
    { url: () => "/office/sponsorships/funding", get: office(200) },
    { label: "a period", url: (f) => `/office/sponsorships/funding?programmeId=${f.tandemB.programmeId}&from=2026-01-01&to=2026-12-31`, get: office(200) },
  ],
  "office.sponsorships.funding[.]csv": { url: (f) => `/office/sponsorships/funding.csv?programmeId=${f.tandemB.programmeId}&from=2026-01-01&to=2026-12-31`, get: office(200) },
  // ── sponsorship programmes (ADR 0040): the office keeps them; Y's members run Y's programme's tandems ──
  "office.sponsorships.programmes._index": { url: () => "/office/sponsorships/programmes?status=all", get: office(200) },
  "office.sponsorships.programmes.new": { url: () => "/office/sponsorships/programmes/new", get: office(200), post: office(400) },
  "office.sponsorships.programmes.$id": [
    { url: (f) => `/office/sponsorships/programmes/${f.programmeY.id}`, get: office(200), post: office(400) },
    { label: "unknown programme", url: () => "/office/sponsorships/programmes/999999", get: office(404), post: office(404) },
  ],
  "verein.sponsorships._index": { url: () => "/verein/sponsorships", get: associations(200), secret: { text: (f) => f.tandemY.code, hiddenFrom: ["memberX"] } },
  "verein.sponsorships.$id": [
    {
      url: (f) => `/verein/sponsorships/${f.tandemY.id}`,
      get: { ...associations(200), memberX: 404 },
      post: { ...associations(400), memberX: 404 },
      intents: { plan: { ...associations(400), memberX: 404 }, held: { ...associations(400), memberX: 404 }, "trial-check-in": { ...associations(400), memberX: 404 }, "check-in": { ...associations(400), memberX: 404 }, end: { ...associations(400), memberX: 404 }, "revoke-links": { ...associations(400), memberX: 404 } },
    },
    { label: "the city's tandem (no association's)", url: (f) => `/verein/sponsorships/${f.tandemB.id}`, get: associations(404), post: associations(404) },
    { label: "unknown tandem", url: () => "/verein/sponsorships/999999", get: associations(404), post: associations(404) },
  ],
  // ADR 0045: Y's members propose their own volunteers for the waiting requests of Y's programme; X's see nothing of them.
  "verein.sponsorships.requests.$id": [
    {
      url: (f) => `/verein/sponsorships/requests/${f.requestY.id}`,
      get: { ...associations(200), memberX: 404 },
      post: { ...associations(400), memberX: 404 },
      intents: { propose: { ...associations(400), memberX: 404 } },
    },
    { label: "a request of no association's programme", url: (f) => `/verein/sponsorships/requests/${f.sponsorshipRequest.id}`, get: associations(404), post: associations(404) },
    { label: "unknown request", url: () => "/verein/sponsorships/requests/999999", get: associations(404), post: associations(404) },
  ],
  // The token is the credential (ADR 0031): anyone holding the link may confirm that one meeting.
  "patenschaft.treffen.$token": [
    { url: async (f) => `/patenschaft/treffen/${await f.fresh.meetingToken()}`, get: all(200), post: all(400) },
    { label: "unknown token", url: () => "/patenschaft/treffen/AAAAAAAAAAAAAAAAAAAAAAAAAAA", get: all(404), post: all(404) },
  ],

  // ── associations (/verein) ────────────────────────────────────────────────────────────
  "verein._index": { url: () => "/verein", get: associations(200) },
  "verein.volunteers._index": { url: () => "/verein/volunteers", get: associations(200), secret: { text: () => SIDE_B.name, hiddenFrom: ["memberX"] } },
  "verein.volunteers.$id": { url: (f) => `/verein/volunteers/${f.volunteerB.id}`, get: { ...associations(200), memberX: 404 } },
  // Managed by the association's admins (X and Y each administer their own): the other side's records are 404.
  "verein.$id.profil": { url: (f) => `/verein/${f.orgY.id}/profil`, get: { ...associations(200), memberX: 404 }, post: { ...associations(400), memberX: 404 } },
  "verein.$id.mitglieder": {
    url: (f) => `/verein/${f.orgY.id}/mitglieder`,
    get: { ...associations(200), memberX: 404 },
    post: { ...associations(400), memberX: 404 },
    intents: ["invite", "set-role", "remove", "revoke-invite"],
    secret: { text: () => "Yasmin Y", hiddenFrom: ["memberX"] },
  },
  "verein.angebote._index": { url: () => "/verein/angebote", get: associations(200), secret: { text: () => SIDE_B.offer, hiddenFrom: ["memberX"] } },
  "verein.angebote.neu": { url: () => "/verein/angebote/neu", get: associations(200), post: associations(400) },
  "verein.angebote.$id": {
    url: (f) => `/verein/angebote/${f.associationOfferY}`,
    get: { ...associations(200), memberX: 404 },
    post: { ...associations(400), memberX: 404 },
    intents: { save: { ...associations(400), memberX: 404 } },
  },
  // The token is the credential to see the invitation; accepting needs the invited, signed-in account.
  "verein.einladung.$token": [
    { url: async (f) => `/verein/einladung/${await f.fresh.inviteToken()}`, get: all(200), post: signedIn(400) },
    { label: "unknown token", url: () => "/verein/einladung/AAAAAAAAAAAAAAAAAAAAAAAAAAA", get: all(404), post: signedIn(404), intents: { accept: signedIn(404) } },
  ],

  // ── the office: coverage ──────────────────────────────────────────────────────────────
  // The work queue (ADR 0036): each form names a task; without one it is a 400. The digest opt-in
  // alone is a complete form (unticked: off).
  "office._index": {
    url: () => "/office",
    get: office(200),
    post: office(400),
    intents: { assign: office(400), snooze: office(400), wake: office(400), done: office(400), digest: office("→/office") },
  },
  // One task's page: a task the fixture's office can work (any office role); unknown ids are 404.
  "office.tasks.$id": [
    { url: async (f) => `/office/tasks/${await taskWorld(f)}`, get: office(200), post: office(400), intents: { assign: office(400), snooze: office(400), wake: office(400), done: office(400) } },
    { label: "unknown task", url: () => "/office/tasks/987654", get: office(404), post: office(404) },
  ],
  "office.assignments._index": { url: () => "/office/assignments", get: staff(200), secret: { text: () => B_ACTIVITY, hiddenFrom: ["memberX"] } },
  "office.assignments.$id": {
    url: (f) => `/office/assignments/${f.assignmentB.id}`,
    get: { ...staff(200), memberX: 404 },
    post: { ...office(400), memberX: 404, memberY: 403 },
    intents: ["update"],
  },
  "office.assignments.$id_.close": {
    url: (f) => `/office/assignments/${f.assignmentB.id}/close`,
    get: { ...office(200), memberX: 404, memberY: 403 },
    post: { ...office(400), memberX: 404, memberY: 403 },
  },
  "office.assignments.$id.$document": { url: (f) => `/office/assignments/${f.assignmentB.id}/engagement.pdf`, get: { ...staff(200), memberX: 404 } },
  "office.assignments.new": { url: () => "/office/assignments/new", get: office(200), post: office(400) },
  "office.assignments.helpers": {
    url: (f) => `/office/assignments/helpers?organisationId=${f.orgY.id}`,
    get: staff(200),
    secret: { text: () => SIDE_B.name, hiddenFrom: ["memberX"] },
  },
  "office.assignments.helpers.$format": {
    url: (f) => `/office/assignments/helpers/csv?organisationId=${f.orgY.id}`,
    get: staff(200),
    secret: { text: () => SIDE_B.name, hiddenFrom: ["memberX"] },
  },
  "office.hours": { url: () => "/office/hours", get: staff(200), secret: { text: () => SIDE_B.name, hiddenFrom: ["memberX"] } },
  // Y's member and the office decide B's hours; X's member is told there is no such entry.
  "office.hours_.$id.decide": [
    { url: async (f) => `/office/hours/${(await f.fresh.hoursB()).id}/decide`, get: { ...staff(200), memberX: 404 }, post: { ...staff(400), memberX: 404 } },
    {
      label: "confirming B's hours",
      url: async (f) => `/office/hours/${(await f.fresh.hoursB()).id}/decide`,
      form: () => ({ intent: "confirm" }),
      post: { ...staff("→/office/hours"), memberX: 404 },
    },
  ],
  "office.certificates": { url: () => "/office/certificates", get: office(200), post: office(400) },
  "office.coverage": { url: () => "/office/coverage", get: office(200) },
  "office.ehrenamtskarte": { url: () => "/office/ehrenamtskarte", get: office(200) },
  "office.volunteers._index": { url: () => "/office/volunteers", get: office(200) },
  // "Export what I filtered" (issue #16): the office only; streamed CSV/XLSX.
  "office.volunteers.export.$format": [
    { url: () => "/office/volunteers/export/csv?status=active", get: office(200) },
    { label: "xlsx", url: () => "/office/volunteers/export/xlsx", get: office(200) },
    { label: "unknown format", url: () => "/office/volunteers/export/pdf", get: office(404) },
  ],
  "office.volunteers.$id": { url: (f) => `/office/volunteers/${f.volunteerB.id}`, get: office(200), post: office(400), intents: ["status", "schedule-intake", "record-intake"] },

  // ── the office: organisations, users, mail ────────────────────────────────────────────
  "office.organisations._index": { url: () => "/office/organisations", get: office(200) },
  "office.organisations.new": { url: () => "/office/organisations/new", get: office(200), post: office(400) },
  "office.organisations.$id": {
    url: (f) => `/office/organisations/${f.orgY.id}`,
    get: office(200),
    post: office(400),
    // archive/unarchive are one-click buttons (run in this order, so Y ends up as before).
    intents: {
      save: office(400),
      "add-member": office(400),
      "remove-member": office(400),
      archive: office("→/office/organisations/"),
      unarchive: office("→/office/organisations/"),
      // Y is verified already (a second verification is refused); a rejection needs a reason, a role a member.
      "verify-association": office(400),
      "reject-association": office(400),
      "set-admin": office(400),
    },
  },
  "office.users._index": { url: () => "/office/users", get: adminOnly(200) },
  "office.users.$id": {
    url: (f) => `/office/users/${f.spareUser.id}`,
    get: adminOnly(200),
    post: adminOnly(400),
    // Unticking every role is how roles are removed, so `roles` alone is a valid form.
    intents: { roles: adminOnly("→/office/users/"), disable: adminOnly("→/office/users/"), enable: adminOnly("→/office/users/") },
  },
  "office.outbox._index": { url: () => "/office/outbox", get: adminOnly(200) },
  "office.outbox.$id": { url: (f) => `/office/outbox/${f.outboxId}`, get: adminOnly(200), post: adminOnly(400), intents: { retry: adminOnly("→/office/outbox/") } },

  // ── the office: donations ─────────────────────────────────────────────────────────────
  "office.donations._index": { url: () => "/office/donations", get: office(200) },
  "office.donations.categories": { url: () => "/office/donations/categories", get: office(200), post: office(400) },
  "office.donations.figures": { url: () => "/office/donations/figures", get: office(200) },
  "office.donations.matches.$id": { url: (f) => `/office/donations/matches/${f.match.id}`, get: office(200), post: office(400), intents: ["plan", "outcome"] },
  "office.donations.needs.$id": { url: (f) => `/office/donations/needs/${f.need.id}`, get: office(200), post: office(400) },
  "office.donations.offers._index": { url: () => "/office/donations/offers", get: office(200), post: office(400) },
  "office.donations.offers.$id": { url: (f) => `/office/donations/offers/${f.offer.id}`, get: office(200), post: office(400) },
  "office.donations.photos.$id": { url: (f) => `/office/donations/photos/${f.offerPhoto.id}`, get: office(200) },
  "office.donations.offers.$id_.revoke-link.$linkId": [
    {
      url: async (f) => {
        const l = await f.fresh.offerLink();
        return `/office/donations/offers/${l.offerId}/revoke-link/${l.linkId}`;
      },
      get: office(200),
      post: office("→/office/donations/offers/"),
    },
    {
      label: "another offer's link",
      url: async (f) => `/office/donations/offers/${f.offer.id}/revoke-link/${(await f.fresh.offerLink()).linkId}`,
      get: office(404),
      post: office(404),
    },
  ],
  "office.households._index": { url: () => "/office/households", get: office(200) },
  "office.households.new": { url: () => "/office/households/new", get: office(200), post: office(400) },
  "office.households.$id._index": {
    url: (f) => `/office/households/${f.household.id}`,
    get: office(200),
    post: office(400),
    intents: ["consent", "withdraw", "need", "need-status", "erase"],
  },
  "office.households.$id.edit": { url: (f) => `/office/households/${f.household.id}/edit`, get: office(200), post: office(400) },
  "office.households.$id.export[.]json": { url: (f) => `/office/households/${f.household.id}/export.json`, get: office(200) },

  // ── the office: spreadsheet import (the fixture's batch is still at its first step, so every step's form is a 400) ──
  "office.import._index": { url: () => "/office/import", get: office(200), post: office(400) },
  "office.import.$id": [
    { url: (f) => `/office/import/${f.importBatch.id}`, get: office(200), post: office(400), intents: ["header", "mapping", "fix", "decide", "back", "options", "confirm", "resume", "undo"] },
    { label: "unknown batch", url: () => "/office/import/999999", get: office(404), post: office(404) },
  ],

  // ── the office: rooms ─────────────────────────────────────────────────────────────────
  "office.rooms._index": {
    url: () => "/office/rooms",
    get: office(200),
    post: office(400),
    intents: { "create-feed": office(200), "revoke-feed": office(404) },
  },
  "office.rooms.new": { url: () => "/office/rooms/new", get: office(200), post: office(400) },
  "office.rooms.requests": { url: () => "/office/rooms/requests", get: office(200), post: office(404) },
  "office.rooms.$id._index": {
    url: (f) => `/office/rooms/${f.room.id}`,
    get: office(200),
    post: office(400),
    // deactivate/activate are buttons (run in this order, so the room ends up active).
    intents: { save: office(400), "add-blackout": office(400), "remove-blackout": office(404), deactivate: office("→/office/rooms/"), activate: office("→/office/rooms/") },
  },
  "office.rooms.$id.book": { url: (f) => `/office/rooms/${f.room.id}/book`, get: office(200), post: office(400) },
  "office.rooms.$id.photos": {
    url: (f) => `/office/rooms/${f.room.id}/photos`,
    get: office(200),
    post: office(400),
    intents: { upload: office(400), alt: office(404), delete: office(404), up: office(404), down: office(404) },
  },
  "office.rooms.$id.utilisation": { url: (f) => `/office/rooms/${f.room.id}/utilisation`, get: office(200) },
  "office.rooms.bookings.$id": {
    url: async (f) => `/office/rooms/bookings/${(await f.fresh.bookingB()).id}`,
    get: office(200),
  },
  "office.rooms.bookings.$id_.approve": { url: async (f) => `/office/rooms/bookings/${(await f.fresh.bookingB()).id}/approve`, get: office(200), post: office("→/office/rooms/bookings/") },
  "office.rooms.bookings.$id_.decline": { url: async (f) => `/office/rooms/bookings/${(await f.fresh.bookingB()).id}/decline`, get: office(200), post: office(400) },
  "office.rooms.bookings.$id_.cancel": { url: async (f) => `/office/rooms/bookings/${(await f.fresh.bookingB()).id}/cancel`, get: office(200), post: office(400) },
  // A single booking: the page lists no waiting dates, the button says there is nothing to approve.
  "office.rooms.bookings.$id_.approve-series": [
    { label: "series", url: async (f) => `/office/rooms/bookings/${(await f.fresh.seriesBookingB()).id}/approve-series`, get: office(200), post: office("→/office/rooms/bookings/") },
    { label: "single booking", url: async (f) => `/office/rooms/bookings/${(await f.fresh.bookingB()).id}/approve-series`, get: office(200), post: office("→/office/rooms/bookings/") },
  ],
  "office.rooms.bookings.$id_.key-out": { url: async (f) => `/office/rooms/bookings/${(await f.fresh.bookingB()).id}/key-out`, get: office(200), post: office(400) },
  "office.rooms.bookings.$id_.key-back": { url: async (f) => `/office/rooms/bookings/${(await f.fresh.bookingB()).id}/key-back`, get: office(200), post: office(400) },
  "office.rooms.bookings.$id_.new-link": { url: async (f) => `/office/rooms/bookings/${(await f.fresh.bookingB()).id}/new-link`, get: office(200), post: office("→/office/rooms/bookings/") },

  // ── rooms: public pages and links with a token ────────────────────────────────────────
  "raum._index": { url: () => "/raum", get: all(200) },
  "raum.$id._index": [
    { url: (f) => `/raum/${f.room.id}`, get: all(200) },
    { label: "inactive room", url: (f) => `/raum/${f.inactiveRoom.id}`, get: all(404) },
  ],
  "raum.$id.anfragen": [
    { url: (f) => `/raum/${f.room.id}/anfragen`, get: all(200), post: all(400) },
    { label: "inactive room", url: (f) => `/raum/${f.inactiveRoom.id}/anfragen`, get: all(404), post: all(404) },
  ],
  "raum.$id.kalender[.]ics": [
    { url: (f) => `/raum/${f.room.id}/kalender.ics`, get: all(200) },
    { label: "inactive room", url: (f) => `/raum/${f.inactiveRoom.id}/kalender.ics`, get: all(404) },
  ],
  "raum.foto.$file": [
    { label: "active room", url: (f) => `/raum/foto/${f.roomPhotoFile}`, get: all(200) },
    // Photos of an inactive room: the office only; everyone else is told there is none.
    { label: "inactive room", url: (f) => `/raum/foto/${f.inactiveRoomPhotoFile}`, get: { "*": 404, coordinator: 200, admin: 200 } },
  ],
  "raum.feed.$token": [
    { url: (f) => `/raum/feed/${f.requesterFeedToken}`, get: all(200) },
    { label: "unknown token", url: () => "/raum/feed/AAAAAAAAAAAAAAAAAAAAAAAAAAA", get: all(404) },
  ],
  // The token in the link is the credential: every role is answered alike.
  "raum.buchung.$token": [
    {
      url: async (f) => `/raum/buchung/${(await f.fresh.bookingB()).token}`,
      get: all(200),
    },
    { label: "unknown token", url: () => "/raum/buchung/AAAAAAAAAAAAAAAAAAAAAAAAAAA", get: all(404) },
  ],
  "raum.buchung.$token_.bestaetigen": [
    { url: async (f) => `/raum/buchung/${(await f.fresh.bookingB()).token}/bestaetigen`, get: all("→/raum/buchung/"), post: all("→/raum/buchung/") },
    { label: "unknown token", url: () => "/raum/buchung/AAAAAAAAAAAAAAAAAAAAAAAAAAA/bestaetigen", post: all(404) },
  ],
  "raum.buchung.$token_.aendern": [
    { url: async (f) => `/raum/buchung/${(await f.fresh.bookingB()).token}/aendern`, get: all(200), post: all(400) },
    { label: "unknown token", url: () => "/raum/buchung/AAAAAAAAAAAAAAAAAAAAAAAAAAA/aendern", get: all(404), post: all(404) },
  ],
  "raum.buchung.$token_.serie": [
    // A single booking has no series to change.
    { label: "series", url: async (f) => `/raum/buchung/${(await f.fresh.seriesBookingB()).token}/serie`, get: all(200), post: all(400) },
    { label: "single booking", url: async (f) => `/raum/buchung/${(await f.fresh.bookingB()).token}/serie`, get: all(404), post: all(404) },
  ],
  "raum.buchung.$token_.stornieren": [
    // The empty form cancels the booking's own date (the default scope).
    { url: async (f) => `/raum/buchung/${(await f.fresh.bookingB()).token}/stornieren`, get: all(200), post: all("→/raum/buchung/") },
    { label: "unknown token", url: () => "/raum/buchung/AAAAAAAAAAAAAAAAAAAAAAAAAAA/stornieren", get: all(404), post: all(404) },
    // A date of another booking is never reachable through this link.
    {
      label: "another booking's date",
      url: async (f) => `/raum/buchung/${(await f.fresh.bookingB()).token}/stornieren?termin=${f.bookingB.id}`,
      get: all(404),
      // Posting it: not found, nothing written; that other booking stays.
      form: (f) => ({ bookingId: String(f.bookingB.id) }),
      post: all(404),
    },
  ],
  "raum.buchung.$token_.kalender": [
    { url: async (f) => `/raum/buchung/${(await f.fresh.bookingB()).token}/kalender`, get: all(200), post: all(200) },
    { label: "unknown token", url: () => "/raum/buchung/AAAAAAAAAAAAAAAAAAAAAAAAAAA/kalender", get: all(404), post: all(404) },
  ],
  "raum.buchung.$token_.kalender-widerrufen": [
    { url: async (f) => `/raum/buchung/${(await f.fresh.bookingB()).token}/kalender-widerrufen`, get: all(200), post: all("→/raum/buchung/") },
    { label: "unknown token", url: () => "/raum/buchung/AAAAAAAAAAAAAAAAAAAAAAAAAAA/kalender-widerrufen", get: all(404), post: all(404) },
  ],

  // ── donations: public pages and links with a token ────────────────────────────────────
  "spenden._index": { url: () => "/spenden", get: all(200) },
  // ── the associations' public directory and registration (issue #15) ──────────────────
  "vereine._index": { url: () => "/vereine?field=&district=&language=&free=", get: all(200), secret: { text: () => "Verein Y e.V.", hiddenFrom: [] } },
  "vereine.$id": [
    { url: (f) => `/vereine/${f.orgY.id}`, get: all(200) },
    // X has no verified profile: not public.
    { label: "not verified", url: (f) => `/vereine/${f.orgX.id}`, get: all(404) },
  ],
  "vereine.registrieren": { url: () => "/vereine/registrieren", get: all(200), post: all(400) },
  // ── the offers directory /angebote (issue #15, ADR 0039): public pages; "I'd like to help" for volunteers ──
  "angebote._index": { url: () => "/angebote?q=&field=&district=&language=&target=&weekday=&free=", get: all(200), secret: { text: () => SIDE_B.offer, hiddenFrom: [] } },
  "angebote.$id._index": [
    {
      url: (f) => `/angebote/${f.associationOfferY}`,
      get: all(200),
      post: all(400),
      // Y's offer looks for no helpers: volunteers may offer help, but not there (404); other roles may not (403).
      intents: { contact: all(400), help: { anonymous: "login", "*": 403, volunteerA: 404, volunteerB: 404 } },
    },
    { label: "unknown offer", url: () => "/angebote/999999999", get: all(404), post: all(404) },
  ],
  "angebote.$id.kalender[.]ics": [
    { url: (f) => `/angebote/${f.associationOfferY}/kalender.ics`, get: all(200) },
    { label: "unknown offer", url: () => "/angebote/999999999/kalender.ics", get: all(404) },
  ],
  "angebote.$id.aushang": [
    { url: (f) => `/angebote/${f.associationOfferY}/aushang`, get: all(200) },
    { label: "unknown offer", url: () => "/angebote/999999999/aushang", get: all(404) },
  ],
  "spenden.anbieten": { url: () => "/spenden/anbieten", get: all(200), post: all(400) },
  "spenden.danke": { url: () => "/spenden/danke", get: all(200) },
  "spenden.angebot.$token": [
    {
      url: async (f) => `/spenden/angebot/${await f.fresh.offerToken()}`,
      get: all(200),
      post: all(400),
      intents: { confirm: all("→/spenden/angebot/"), withdraw: all("→/spenden/angebot/") },
    },
    { label: "unknown token", url: () => "/spenden/angebot/AAAAAAAAAAAAAAAAAAAAAAAAAAA", get: all(404), post: all(404), intents: ["withdraw"] },
  ],
  "spenden.angebot.$token_.zurueckziehen": [
    { url: async (f) => `/spenden/angebot/${await f.fresh.offerToken()}/zurueckziehen`, get: all(200), post: all("→/spenden/angebot/") },
    { label: "unknown token", url: () => "/spenden/angebot/AAAAAAAAAAAAAAAAAAAAAAAAAAA/zurueckziehen", get: all(404), post: all(404) },
  ],
  // ── sponsorships (part A: requests, sponsor profiles, proposals) ─────────────────────
  patenschaften: { url: () => "/patenschaften", get: all(200), post: all(400) },
  "office.sponsorships._index": { url: () => "/office/sponsorships", get: office(200) },
  "office.sponsorships.requests.new": { url: () => "/office/sponsorships/requests/new", get: office(200), post: office(400) },
  "office.sponsorships.requests.$id": [
    // `open` on a request that is open already is refused (400); `close` is left out: it needs no field and would close it.
    { url: (f) => `/office/sponsorships/requests/${f.sponsorshipRequest.id}`, get: office(200), post: office(400), intents: ["propose", "withdraw", "agree", "open"] },
    { label: "unknown request", url: () => "/office/sponsorships/requests/987654", get: office(404), post: office(404) },
  ],
  "me.sponsorships._index": [
    { url: () => "/me/sponsorships", get: volunteers(200), post: volunteers(400), intents: ["profile", "answer"] },
    {
      label: "answering B's proposal",
      url: () => "/me/sponsorships",
      form: (f) => ({ intent: "answer", proposalId: String(f.proposalB.id), answer: "declined", reason: "no_time" }),
      // Only B may answer B's proposal; for another volunteer it does not exist; other roles may not answer any.
      post: { anonymous: "login", "*": 403, volunteerA: 404, volunteerB: "→/me/sponsorships" },
    },
  ],
  // ── legal and help pages: the office edits them ───────────────────────────────────────
  "office.seiten._index": { url: () => "/office/seiten", get: office(200) },
  "office.seiten.$slug": [
    { url: () => "/office/seiten/impressum", get: office(200), post: office(400) },
    { label: "unknown page", url: () => "/office/seiten/gibt-es-nicht", get: office(404), post: office(404) },
  ],

  // ── the office: reports (issue #16) ───────────────────────────────────────────────────
  "office.reports._index": { url: () => "/office/reports?kind=quarter&quarter=2026-Q1", get: office(200), post: office(400) },
  "office.reports.komm-an": { url: () => "/office/reports/komm-an?kind=month&month=2026-03", get: office(200), post: office(400), intents: ["narrative", "flag", "freeze"] },
  "office.reports.events": { url: () => "/office/reports/events", get: office(200), post: office(400), intents: ["event", "delete"] },
  "office.reports.snapshots.$id": [
    { label: "unknown snapshot", url: () => "/office/reports/snapshots/999999", get: office(404) },
    { label: "bad id", url: () => "/office/reports/snapshots/abc", get: office(404) },
  ],
  "office.hours_.export.$format": [
    { url: () => "/office/hours/export/csv?status=confirmed", get: office(200) },
    { label: "unknown format", url: () => "/office/hours/export/ods", get: office(404) },
  ],
  "office.households.export.$format": [
    { url: () => "/office/households/export/xlsx", get: office(200) },
    { label: "unknown format", url: () => "/office/households/export/doc", get: office(404) },
  ],
  "office.reports.download.$format": [
    { url: () => "/office/reports/download/csv?kind=year&year=2026", get: office(200) },
    { label: "xlsx, KOMM-AN", url: () => "/office/reports/download/xlsx?view=komm-an", get: office(200) },
    { label: "unknown format", url: () => "/office/reports/download/pdf", get: office(404) },
  ],
  // ── the integration seal (issue #15, ADR 0033): Y's application, A its juror, Y's award ──
  "siegel._index": { url: () => "/siegel", get: all(200) },
  "siegel.$code": [
    { url: async (f) => `/siegel/${(await sealWorld(f)).code}`, get: all(200) },
    { label: "unknown code", url: () => "/siegel/2026-0000000000", get: all(404) },
  ],
  "siegel.selbstcheck": { url: () => "/siegel/selbstcheck?check=1&c=1&c=x", get: all(200) },
  "siegel.$code_.badge[.]svg": [
    { url: async (f) => `/siegel/${(await sealWorld(f)).code}/badge.svg`, get: all(200) },
    { label: "unknown code", url: () => "/siegel/2026-0000000000/badge.svg", get: all(404) },
  ],
  // An evidence file of Y's application: Y's admins and the office; A (its juror) not before declaring.
  "siegel.nachweis.$id": { url: async (f) => `/siegel/nachweis/${(await sealWorld(f)).evidenceId}`, get: { anonymous: "login", "*": 404, memberY: 200, coordinator: 200, admin: 200 } },
  "verein.siegel._index": { url: () => "/verein/siegel", get: associations(200), post: associations(400) },
  // The decision letter of Y's awarded application: Y's admins only (`apply:seal:own`; memberY is Y's admin).
  "verein.siegel.$id_.bescheid[.]pdf": { url: async (f) => `/verein/siegel/${(await sealWorld(f)).awardedApplicationId}/bescheid.pdf`, get: { anonymous: "login", "*": 404, memberY: 200 } },
  // The certificate of Y's valid award: Y's admins only.
  "verein.siegel.$id_.urkunde[.]pdf": { url: async (f) => `/verein/siegel/${(await sealWorld(f)).awardedApplicationId}/urkunde.pdf`, get: { anonymous: "login", "*": 404, memberY: 200 } },
  // Another association's application is a 404, as for everyone who is not an admin of Y (a plain
  // member of Y too: tests/integration/associations/admin-scope.test.ts).
  "verein.siegel.$id": {
    url: async (f) => `/verein/siegel/${(await sealWorld(f)).applicationId}`,
    get: { anonymous: "login", "*": 404, memberY: 200 },
    post: { anonymous: "login", "*": 404, memberY: 400 },
    intents: ["answer", "submit", "evidence", "delete-evidence"],
  },
  "office.seal._index": { url: () => "/office/seal", get: office(200) },
  "office.seal.$id": {
    url: async (f) => `/office/seal/${(await sealWorld(f)).applicationId}`,
    get: office(200),
    post: office(400),
    intents: ["screen", "assign", "decide", "revoke", "fulfil-condition", "interim-check"],
  },
  // "new-version" is a one-click form (it creates a draft): left out here, tested in tests/integration/seal.
  "office.seal.bericht.$format": [
    { url: () => "/office/seal/bericht/csv?year=2026", get: office(200) },
    { label: "pdf", url: () => "/office/seal/bericht/pdf?year=2026", get: office(200) },
    { label: "unknown format", url: () => "/office/seal/bericht/xls", get: office(404) },
  ],
  "office.seal.criteria": { url: () => "/office/seal/criteria", get: office(200), post: office(400), intents: ["criterion", "publish"] },
  "office.seal.jury": { url: () => "/office/seal/jury", get: office(200), post: office(400), intents: ["add-juror", "remove-juror"] },
  "jury.siegel._index": { url: () => "/jury/siegel", get: signedIn(200) },
  // Only the assigned juror (A) gets the application; everyone else a 404.
  "jury.siegel.$id": {
    url: async (f) => `/jury/siegel/${(await sealWorld(f)).applicationId}`,
    get: { anonymous: "login", "*": 404, volunteerA: 200 },
    post: { anonymous: "login", "*": 404, volunteerA: 400 },
    intents: ["declare", "score", "submit-review"],
  },
  // ── the privacy desk (issue #17, ADR 0038): B's open access request, identity checked ──
  "office.privacy._index": { url: () => "/office/privacy?status=all", get: office(200) },
  "office.privacy.new": { url: () => "/office/privacy/new", get: office(200), post: office(400) },
  "office.privacy.$id": [
    // Every intent with an empty form is a 400 (nothing is written), also `erase` without its confirmation.
    { url: async (f) => `/office/privacy/${(await privacyWorld(f)).requestId}`, get: office(200), post: office(400), intents: ["identity", "extend", "erase", "close"] },
    { label: "unknown request", url: () => "/office/privacy/987654", get: office(404), post: office(404) },
  ],
  "office.privacy.$id_.export[.]json": [
    { url: async (f) => `/office/privacy/${(await privacyWorld(f)).requestId}/export.json`, get: office(200) },
    { label: "unknown request", url: () => "/office/privacy/987654/export.json", get: office(404) },
  ],
  "office.privacy.access-log": [
    { url: () => "/office/privacy/access-log", get: office(200) },
    { label: "by a volunteer", url: (f) => `/office/privacy/access-log?mode=volunteer&who=${encodeURIComponent(f.users.volunteerB.email)}`, get: office(200) },
  ],
  "office.privacy.retention": { url: () => "/office/privacy/retention", get: office(200) },
  "office.privacy.consents": { url: () => "/office/privacy/consents", get: office(200) },
  // ── messages to groups of volunteers (issue #17): the office writes and sends; the opt-out link is public ──
  "office.messages._index": { url: () => "/office/messages", get: office(200) },
  // "count" only counts (nothing is written); the other steps need the German text.
  "office.messages.new": [
    { url: () => "/office/messages/new", get: office(200), post: office(400), intents: { count: office(200), preview: office(400), draft: office(400), send: office(400) } },
    { label: "a sent message is no draft", url: async (f) => `/office/messages/new?draft=${(await messagesWorld(f)).sentId}`, get: office(404), post: office(400) },
    { label: "draft", url: async (f) => `/office/messages/new?draft=${(await messagesWorld(f)).draftId}`, get: office(200), post: office(400) },
  ],
  "office.messages.$id": [
    { url: async (f) => `/office/messages/${(await messagesWorld(f)).sentId}`, get: office(200) },
    { label: "draft", url: async (f) => `/office/messages/${(await messagesWorld(f)).draftId}`, get: office(200) },
    { label: "unknown id", url: () => "/office/messages/999999", get: office(404) },
  ],
  // The token is the credential (one mail's link): anyone holding it sees the question; an empty POST opts no one out.
  "abmelden.$token": [
    { url: async (f) => `/abmelden/${(await messagesWorld(f)).token}`, get: all(200), post: all(400) },
    { label: "unknown token", url: () => "/abmelden/unknownToken00000000000000", get: all(404), post: all(404) },
  ],
  "me.einwilligungen_.rundnachrichten": { url: () => "/me/einwilligungen/rundnachrichten", get: signedIn(200), post: signedIn(400) },
  // "Export what I filtered" of the other office lists (issue #16): the office only; streamed CSV/XLSX.
  "office.assignments.export.$format": [
    { url: (f) => `/office/assignments/export/csv?organisationId=${f.orgY.id}`, get: office(200) },
    { label: "xlsx", url: () => "/office/assignments/export/xlsx?state=running", get: office(200) },
    { label: "unknown format", url: () => "/office/assignments/export/pdf", get: office(404) },
  ],
  "office.certificates_.export.$format": [
    { url: () => "/office/certificates/export/csv", get: office(200) },
    { label: "unknown format", url: () => "/office/certificates/export/ods", get: office(404) },
  ],
  "office.donations.export.$format": [
    { url: () => "/office/donations/export/xlsx?urgency=urgent", get: office(200) },
    { label: "unknown format", url: () => "/office/donations/export/doc", get: office(404) },
  ],
  "office.donations.offers.export.$format": [
    { url: () => "/office/donations/offers/export/csv?state=accepted", get: office(200) },
    { label: "unknown format", url: () => "/office/donations/offers/export/doc", get: office(404) },
  ],
  "office.rooms.requests_.export.$format": [
    { url: () => "/office/rooms/requests/export/csv", get: office(200) },
    { label: "unknown format", url: () => "/office/rooms/requests/export/doc", get: office(404) },
  ],
  "office.sponsorships.tandems.export.$format": [
    { url: () => "/office/sponsorships/tandems/export/xlsx?status=active", get: office(200) },
    { label: "unknown format", url: () => "/office/sponsorships/tandems/export/doc", get: office(404) },
  ],
  // The report's drill-down: donations handed over in a period (household codes only), and its export.
  "office.donations.handed-over": { url: () => "/office/donations/handed-over?from=2026-01-01&to=2026-03-31", get: office(200) },
  "office.donations.handed-over_.export.$format": [
    { url: () => "/office/donations/handed-over/export/csv?from=2026-01-01", get: office(200) },
    { label: "unknown format", url: () => "/office/donations/handed-over/export/doc", get: office(404) },
  ],
  "office.organisations.export.$format": [
    { url: () => "/office/organisations/export/csv?legalForm=registered_association", get: office(200) },
    { label: "unknown format", url: () => "/office/organisations/export/doc", get: office(404) },
  ],
};
