import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { titleFrom } from "~/utils/meta";

/**
 * What every page behind a guest's private manage link (`/raum/buchung/:token/…`) declares: the
 * title and no indexing; never cached; `Referrer-Policy: same-origin`, so the token never reaches
 * another site as a referrer while the page's own forms still post with their `Origin`
 * (`no-referrer` would send `Origin: null`, which the same-origin check refuses; issue #12, item 3).
 */
export const guestLinkMeta: MetaFunction = ({ matches }) => [...titleFrom(matches, "rooms:manage.title"), { name: "robots", content: "noindex" }];
export const guestLinkHeaders: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });
