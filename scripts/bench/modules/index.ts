import type { BenchModule } from "../types";
import { roomsBench } from "./rooms";

/** Every module's benchmark part, in dependency order (later ones may use earlier ids). */
export const benchModules: BenchModule[] = [roomsBench];
