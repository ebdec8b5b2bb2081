import type { BenchModule } from "../types";
import { volunteersBench } from "./volunteers";
import { donationsBench } from "./donations";

/** Every module's benchmark part, in dependency order (later ones may use earlier ids). */
export const benchModules: BenchModule[] = [volunteersBench, donationsBench];
