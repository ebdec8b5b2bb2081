import type { BenchModule } from "../types";
import { foundation } from "./foundation";
import { roomsBench } from "./rooms";
import { volunteersBench } from "./volunteers";
import { donationsBench } from "./donations";
import { coverageBench } from "./coverage";
import { sponsorshipsBench } from "./sponsorships";
import { reportsBench } from "./reports";
import { associationsBench } from "./associations";
import { tasksBench } from "./tasks";
import { offersDirectoryBench } from "./offers-directory";

/** Every module's benchmark part, in dependency order (later ones may use earlier ids). */
export const benchModules: BenchModule[] = [foundation, volunteersBench, coverageBench, roomsBench, donationsBench, sponsorshipsBench, reportsBench, associationsBench, tasksBench, offersDirectoryBench];
