/** A PDF as a download (private, never cached): HTTP stays in routes, the modules return the bytes. */
export function pdfResponse(body: Buffer, filename: string) {
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "private, no-store" },
  });
}
