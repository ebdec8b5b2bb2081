import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig, interpolationFor } from "~/i18n/config";
import { normalizeInputElement, normalizeWhileTyping } from "~/utils/digits";

async function hydrate() {
  const lng = document.documentElement.lang || "de";
  const version = document.documentElement.dataset.i18nVersion;
  // The texts of this language and release; the <link rel="preload"> has usually fetched them
  // already, and the browser keeps them cached (immutable) until the next release.
  let bundle: Record<string, unknown> = {};
  if (version) {
    try {
      const res = await fetch(`/locales/${lng}?v=${version}`, { credentials: "same-origin" });
      if (res.ok) bundle = await res.json();
    } catch {
      /* offline or blocked: the server-rendered page stays usable without hydration texts */
    }
  }
  await i18next.use(initReactI18next).init({ ...i18nConfig, interpolation: interpolationFor(lng), lng, resources: { [lng]: bundle as never } });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

// Persian and Arabic-Indic digits typed into a field are read as Western digits before the form
// validates it (while typing in a number field, on leaving any field, and on sending): the same
// step the server takes for every form. Capture phase: before the form library reads the field.
document.addEventListener("input", (e) => (e instanceof InputEvent && e.isComposing ? undefined : normalizeWhileTyping(e.target)), true);
document.addEventListener("change", (e) => normalizeInputElement(e.target), true);
document.addEventListener(
  "submit",
  (e) => {
    if (e.target instanceof HTMLFormElement) for (const el of Array.from(e.target.elements)) normalizeInputElement(el);
  },
  true,
);

void hydrate();
