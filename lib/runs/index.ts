/** Public API of the pure runs module: run and task lifecycles, dependencies, progress and clocks. */
export * from "./run-machine";
export * from "./task-machine";
export * from "./dependencies";
export * from "./progress";
export * from "./schedule";
export * from "./status";
export * from "./zone";
export * from "./notifications";
