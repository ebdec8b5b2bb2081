/** Hand-built images for upload tests (no binary fixtures in the repository). */
import { deflateSync } from "node:zlib";
import jpeg from "jpeg-js";

/** A tiny PNG (RGB, filter 0/1) built by hand. */
export function makePng(width: number, height: number, rgb: [number, number, number]) {
  const crc = () => Buffer.alloc(4); // the decoder does not check CRCs
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    return Buffer.concat([len, Buffer.from(type, "latin1"), body, crc()]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(y % 2); // alternate filters none / sub
    for (let x = 0; x < width; x++) rows.push(...(y % 2 && x > 0 ? [0, 0, 0] : rgb));
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.from(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** A JPEG with an EXIF block carrying a GPS marker text. */
export function makeJpegWithExif(width = 40, height = 30) {
  const data = Buffer.alloc(width * height * 4, 200);
  const plain = jpeg.encode({ width, height, data }, 90).data;
  const payload = Buffer.from("Exif\0\0GPSLatitude 51.2633 GPSLongitude 6.5493", "latin1");
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([plain.subarray(0, 2), app1, plain.subarray(2)]);
}
