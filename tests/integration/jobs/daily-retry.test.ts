import { describe, expect, it } from "vitest";
import { dailyTasks, runDailyJobs } from "../../../app/modules/jobs/daily.server";

describe("daily job after a failing task", () => {
  it("releases the day so a later run tries again, and then claims it", async () => {
    const now = new Date("2026-06-10T08:00:00Z");
    const failing = {
      name: "always-fails",
      run: async () => {
        throw new Error("boom");
      },
    };
    dailyTasks.push(failing);
    try {
      const first = await runDailyJobs({ now });
      expect(first?.["always-fails"]).toBe(-1);
    } finally {
      dailyTasks.splice(dailyTasks.indexOf(failing), 1);
    }
    const second = await runDailyJobs({ now: new Date("2026-06-10T08:15:00Z") });
    expect(second).not.toBeNull();
    expect(second?.["always-fails"]).toBeUndefined();
    expect(await runDailyJobs({ now: new Date("2026-06-10T08:30:00Z") })).toBeNull();
  });
});
