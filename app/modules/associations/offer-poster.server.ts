import QRCode from "qrcode";

/** The QR code of an offer page for the printable notice (an SVG string, drawn on the server). */
export function offerQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
