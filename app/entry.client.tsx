import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "~/i18n/config";

async function hydrate() {
  const lng = document.documentElement.lang || "de";
  // The server embeds the page language's texts as inert JSON (no extra request, CSP-safe).
  const el = document.getElementById("i18n-resources");
  const bundle = el?.textContent ? (JSON.parse(el.textContent) as Record<string, unknown>) : {};
  await i18next.use(initReactI18next).init({ ...i18nConfig, lng, resources: { [lng]: bundle as never } });
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

void hydrate();
