import type { BenchModule } from "../types";

/** Every module's benchmark part, in dependency order (later ones may use earlier ids). */
export const benchModules: BenchModule[] = [];
