import type { Rgba } from "../../app/utils/images.server";

/**
 * A drawn, fictitious picture of the demo room (no photograph, nothing copyrighted): a wall
 * with a window onto the garden, a long table with chairs and a kitchenette counter. Flat
 * shapes in RGBA pixels, encoded by the same code as uploads.
 */
export function drawRoomIllustration(width = 640, height = 400): Rgba {
  const data = new Uint8Array(width * height * 4);
  const fill = (x0: number, y0: number, x1: number, y1: number, [r, g, b]: [number, number, number]) => {
    for (let y = Math.max(0, Math.round(y0)); y < Math.min(height, Math.round(y1)); y++) {
      for (let x = Math.max(0, Math.round(x0)); x < Math.min(width, Math.round(x1)); x++) {
        const i = (y * width + x) * 4;
        data[i] = r;
        data[i + 1] = g;
        data[i + 2] = b;
        data[i + 3] = 255;
      }
    }
  };
  const W = width / 960;
  const H = height / 600;
  const box = (x0: number, y0: number, x1: number, y1: number, c: [number, number, number]) => fill(x0 * W, y0 * H, x1 * W, y1 * H, c);
  box(0, 0, 960, 390, [244, 236, 220]); // wall
  box(0, 390, 960, 600, [196, 160, 118]); // floor
  for (let x = 0; x < 960; x += 80) box(x, 390, x + 2, 600, [176, 140, 100]); // floor boards
  box(90, 70, 430, 300, [255, 255, 255]); // window frame
  box(102, 82, 418, 288, [170, 214, 240]); // sky
  box(102, 220, 418, 288, [120, 180, 100]); // garden
  box(256, 82, 264, 288, [255, 255, 255]); // window bar
  box(160, 170, 200, 230, [70, 130, 70]); // a bush
  box(600, 250, 930, 400, [222, 226, 230]); // kitchenette counter
  box(600, 240, 930, 252, [150, 150, 160]); // worktop
  box(640, 120, 760, 200, [222, 226, 230]); // cupboard
  box(800, 120, 920, 200, [222, 226, 230]);
  box(680, 262, 740, 300, [180, 185, 190]); // sink
  box(120, 430, 760, 460, [140, 96, 60]); // long table top
  box(140, 460, 156, 560, [110, 74, 46]); // table legs
  box(724, 460, 740, 560, [110, 74, 46]);
  for (const x of [170, 290, 410, 530, 650]) {
    box(x, 400, x + 50, 412, [60, 100, 150]); // chair backs behind the table
    box(x + 5, 412, x + 12, 430, [60, 100, 150]);
    box(x + 38, 412, x + 45, 430, [60, 100, 150]);
    box(x, 500, x + 50, 512, [60, 100, 150]); // chairs in front
    box(x + 5, 512, x + 12, 580, [60, 100, 150]);
    box(x + 38, 512, x + 45, 580, [60, 100, 150]);
  }
  return { width, height, data };
}
