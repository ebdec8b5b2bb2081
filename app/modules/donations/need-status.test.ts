import { describe, expect, it } from "vitest";
import { needStatusFor, stillNeeded } from "./need-status";
import { reasonText, systemReason } from "./system-reasons";

describe("a need's status follows the units covered", () => {
  it("stays open while units are missing, also when some are reserved", () => {
    expect(needStatusFor({ quantity: 4, reserved: 0, handedOver: 0 })).toBe("open");
    expect(needStatusFor({ quantity: 4, reserved: 2, handedOver: 0 })).toBe("open");
    expect(needStatusFor({ quantity: 4, reserved: 1, handedOver: 2 })).toBe("open");
  });
  it("is matched once reservations and handovers cover the whole quantity", () => {
    expect(needStatusFor({ quantity: 4, reserved: 4, handedOver: 0 })).toBe("matched");
    expect(needStatusFor({ quantity: 4, reserved: 2, handedOver: 2 })).toBe("matched");
    expect(needStatusFor({ quantity: 1, reserved: 1, handedOver: 0 })).toBe("matched");
  });
  it("is fulfilled only when every unit was handed over", () => {
    expect(needStatusFor({ quantity: 4, reserved: 0, handedOver: 4 })).toBe("fulfilled");
    expect(needStatusFor({ quantity: 4, reserved: 1, handedOver: 3 })).toBe("matched");
  });
  it("a released reservation takes the need back to open", () => {
    const before = needStatusFor({ quantity: 2, reserved: 2, handedOver: 0 });
    const after = needStatusFor({ quantity: 2, reserved: 1, handedOver: 0 });
    expect([before, after]).toEqual(["matched", "open"]);
  });
  it("counts the units still needed, never below zero", () => {
    expect(stillNeeded({ quantity: 4, quantity_covered: 1 })).toBe(3);
    expect(stillNeeded({ quantity: 4, quantity_covered: 4 })).toBe(0);
    expect(stillNeeded({ quantity: 1, quantity_covered: 3 })).toBe(0);
  });
});

describe("reasons written by the system", () => {
  const t = (key: string) => `T(${key})`;
  it("are translated; what staff typed is shown as typed", () => {
    expect(reasonText(t, systemReason("offerExpired"))).toBe("T(donations:systemReasons.offerExpired)");
    expect(reasonText(t, "system:unbekannt")).toBe("system:unbekannt");
    expect(reasonText(t, "Sofa passt nicht durch die Tür")).toBe("Sofa passt nicht durch die Tür");
  });
});
