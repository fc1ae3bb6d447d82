/** Public API of the pure task-actions module: schemas, command-line parsing, derivation, redaction. */
export * from "./schema";
export * from "./command-line";
export * from "./rehearsal";
export * from "./derive";
export * from "./redact";
export * from "./output";
