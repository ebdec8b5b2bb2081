import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "~/i18n/config";

/** Plain buttons in a form: works without JavaScript, reloads the page in the new language. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/set-language" reloadDocument aria-label={t("layout.language")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <div className="eh-button-group" role="group" aria-label={t("layout.language")}>
        {SUPPORTED_LANGUAGES.map((lng) => (
          <button
            key={lng}
            type="submit"
            name="lng"
            value={lng}
            className="eh-button"
            data-size="compact-xs"
            data-variant={i18n.language === lng ? undefined : "subtle"}
            aria-pressed={i18n.language === lng}
            lang={lng}
          >
            {LANGUAGE_NAMES[lng]}
          </button>
        ))}
      </div>
    </Form>
  );
}
