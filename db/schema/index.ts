export * from "./plans";
export * from "./identity";
export * from "./audit";
export * from "./runs";
export * from "./notifications";
