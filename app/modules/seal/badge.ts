/**
 * The seal's badge for an association's own website (issue #15): an SVG with the year of the award
 * and its validity, or "not valid" once expired or revoked. Texts come translated; every value is
 * escaped, so the SVG carries no markup from the database.
 */
const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

export function badgeSvg(texts: { title: string; year: string; line: string; label: string }, valid: boolean, rtl = false): string {
  const colour = valid ? "#1b6e3a" : "#8a1c1c";
  const anchor = "middle";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="120" viewBox="0 0 200 120" role="img" aria-label="${escapeXml(texts.label)}"${rtl ? ' direction="rtl"' : ""}>
<title>${escapeXml(texts.label)}</title>
<rect x="2" y="2" width="196" height="116" rx="14" fill="#ffffff" stroke="${colour}" stroke-width="4"/>
<text x="100" y="38" text-anchor="${anchor}" font-family="Noto Sans, Arial, sans-serif" font-size="15" font-weight="700" fill="${colour}">${escapeXml(texts.title)}</text>
<text x="100" y="72" text-anchor="${anchor}" font-family="Noto Sans, Arial, sans-serif" font-size="26" font-weight="700" fill="#222222">${escapeXml(texts.year)}</text>
<text x="100" y="100" text-anchor="${anchor}" font-family="Noto Sans, Arial, sans-serif" font-size="12" fill="#222222">${escapeXml(texts.line)}</text>
</svg>`;
}
