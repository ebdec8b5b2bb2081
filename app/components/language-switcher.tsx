import { Button, Group } from "@mantine/core";
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
      <Group gap={2} role="group" aria-label={t("layout.language")}>
        {SUPPORTED_LANGUAGES.map((lng) => (
          <Button
            key={lng}
            type="submit"
            name="lng"
            value={lng}
            size="compact-xs"
            variant={i18n.language === lng ? "filled" : "subtle"}
            aria-pressed={i18n.language === lng}
            lang={lng}
          >
            {LANGUAGE_NAMES[lng]}
          </Button>
        ))}
      </Group>
    </Form>
  );
}
