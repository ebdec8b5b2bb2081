import { useNavigate, type NavigateFunction } from "@remix-run/react";
import { createContext, useContext, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from "react";

/**
 * Links that render as a plain `<a href>` and navigate inside the app when JavaScript runs.
 *
 * Remix's `<Link>` resolves its path against the route matches on every render (about 20 µs per
 * link on the server); the navigation, the list rows and the pager render 40–80 links per page,
 * which cost more than 1 ms of server time per page. A `PlainLink` takes an absolute path (with
 * query), so there is nothing to resolve; one `useNavigate` per page (the provider in the app
 * layout) serves every link. Without JavaScript, or outside the provider, it is an ordinary link.
 */
const NavigateContext = createContext<NavigateFunction | null>(null);

export function PlainLinkProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  return <NavigateContext.Provider value={navigate}>{children}</NavigateContext.Provider>;
}

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  /** An absolute path inside the app, e.g. `/office/volunteers?page=2`. */
  to: string;
};

export function PlainLink({ to, onClick, target, download, ...rest }: Props) {
  const navigate = useContext(NavigateContext);
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || !navigate) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if ((target && target !== "_self") || download !== undefined) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} target={target} download={download} onClick={handle} {...rest} />;
}
