import "server-only";
// Ids from URLs and sockets are checked before they reach a uuid column: PostgreSQL refuses non-UUID text
// there with an error, where the caller wants "not found" (or, for id-or-slug lookups, a slug).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
