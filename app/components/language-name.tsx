import { useTranslation } from "react-i18next";
import { LANGUAGE_NAMES, isUiLanguage } from "~/i18n/config";
import { languageName, uiLanguageName } from "~/utils/language-names";

/**
 * Language names where two languages meet (issue #18, WCAG 3.1.2): a language's own name
 * ("العربية", "Українська") inside a page in another language carries its language, so a screen
 * reader reads it with the right voice, and `dir="auto"`, so it keeps its own direction. The name
 * in the reader's language needs no mark. Which place shows which: `app/utils/language-names.ts`.
 */
export function Endonym({ code, children }: { code: string; children: string }) {
  return (
    <span lang={code} dir="auto">
      {children}
    </span>
  );
}

/** "Arabisch – العربية": the name in the reader's language, then the own name, marked; one name when both are the same. */
function Label({ code, name, own }: { code: string; name: string; own: string }) {
  const { i18n } = useTranslation();
  const page = i18n.language;
  if (code === page) return <>{name}</>;
  if (name === own) return <Endonym code={code}>{name}</Endonym>;
  return (
    <>
      {name} – <Endonym code={code}>{own}</Endonym>
    </>
  );
}

/** A language of the master data (`language`: code, own name, German name), for a choice list. */
export function LanguageLabel({ language }: { language: { code: string; name_native: string; name_de: string } }) {
  const { i18n } = useTranslation();
  return <Label code={language.code} name={languageName(language.code, i18n.language, language.name_de)} own={language.name_native} />;
}

/** A UI language (de, en, ar, uk, fa, tr, ru), e.g. a form's fieldset for the texts in that language. */
export function UiLanguageLabel({ code }: { code: string }) {
  const { i18n } = useTranslation();
  const own = isUiLanguage(code) ? LANGUAGE_NAMES[code] : code;
  return <Label code={code} name={uiLanguageName(code, i18n.language)} own={own} />;
}
