import {
  Anchor,
  convertCssVariables,
  createTheme,
  darken,
  DEFAULT_THEME,
  defaultCssVariablesResolver,
  defaultVariantColorsResolver,
  mergeMantineTheme,
  parseThemeColor,
  type VariantColorsResolver,
} from "@mantine/core";

const TINTED_VARIANTS = new Set(["light", "outline", "subtle", "transparent"]);

/**
 * Mantine draws light/outline/subtle variants with shade 6–7 as text colour, which is below
 * 4.5:1 for most palettes (red 3.8:1, green 2.5:1, yellow 1.9:1 on their light background).
 * Non-primary colours get their darkest shade, darkened further: ≥ 5:1 for every palette.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const result = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.color === input.theme.primaryColor || !TINTED_VARIANTS.has(input.variant ?? "")) return result;
  const text = darken(input.theme.colors[parsed.color][9], 0.3);
  return {
    ...result,
    color: text,
    hoverColor: text,
    border: input.variant === "outline" ? `1px solid ${text}` : result.border,
  };
};

const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif";

// Primary shades chosen for AA contrast of white text on filled buttons (≥ 4.5:1).
export const theme = createTheme({
  primaryColor: "willich",
  primaryShade: 7,
  colors: {
    willich: [
      "#e8f1fa",
      "#cfdff0",
      "#9dbde2",
      "#6899d3",
      "#3f7bc6",
      "#2868be",
      "#1d5eb9",
      "#1c4e80",
      "#143d66",
      "#0b2c4d",
    ],
  },
  fontFamily: FONT_FAMILY,
  // Set explicitly: without it Mantine's theme merge writes the font into the shared DEFAULT_THEME.
  headings: { fontFamily: FONT_FAMILY },
  defaultRadius: "sm",
  variantColorResolver,
  components: {
    // Links inside text must not be told apart by colour alone (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: "always" } }),
  },
});

/**
 * Mantine's default "dimmed" grey (#868e96) is 3.3:1 on white; #495057 keeps AA (8:1).
 * The default error red (#fa5252, field errors) is 3.3:1; red 9 (#c92a2a) is 5.5:1.
 */
export const cssVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "#495057", "--mantine-color-placeholder": "#5c636a", "--mantine-color-error": "#c92a2a" },
  dark: {},
});

let themeCss: string | undefined;
/**
 * The theme's CSS variables as one stylesheet text, computed once per process (and once in the
 * browser) instead of on every render: MantineProvider rebuilt them for each page, about 1 ms of
 * server CPU per request. Same output as Mantine's own `<MantineCssVariables>` with
 * `deduplicateCssVariables` (only what differs from Mantine's defaults, plus our resolver).
 */
export function themeCssVariables(): string {
  if (themeCss !== undefined) return themeCss;
  const merged = mergeMantineTheme(DEFAULT_THEME, theme);
  const own = defaultCssVariablesResolver(merged);
  const extra = cssVariablesResolver();
  const defaults = defaultCssVariablesResolver(DEFAULT_THEME);
  const pick = (scheme: "variables" | "light" | "dark") => {
    const all: Record<string, string> = { ...own[scheme], ...extra[scheme] };
    return Object.fromEntries(Object.entries(all).filter(([k, v]) => (defaults[scheme] as Record<string, string>)[k] !== v)) as Record<`--${string}`, string>;
  };
  themeCss = convertCssVariables({ variables: pick("variables"), light: pick("light"), dark: pick("dark") });
  return themeCss;
}

let themeVersion: string | undefined;
/** A short hash of the theme's CSS (FNV-1a, the same in the browser and on the server): its cache key. */
export function themeCssVersion(): string {
  if (themeVersion !== undefined) return themeVersion;
  let h = 0x811c9dc5;
  const css = themeCssVariables();
  for (let i = 0; i < css.length; i++) {
    h ^= css.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  themeVersion = (h >>> 0).toString(36);
  return themeVersion;
}
