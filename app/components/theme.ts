import { createTheme } from "@mantine/core";

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
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif",
  defaultRadius: "sm",
});

/** Mantine's default "dimmed" grey (#868e96) is 3.3:1 on white; #495057 keeps AA (8:1). */
export const cssVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "#495057", "--mantine-color-placeholder": "#5c636a" },
  dark: {},
});
