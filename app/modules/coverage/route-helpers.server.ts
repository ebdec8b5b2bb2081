export function intParam(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  if (!v || !/^\d{1,12}$/.test(v)) return undefined;
  const n = Number(v);
  return n > 0 ? n : undefined;
}
