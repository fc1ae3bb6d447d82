// Action definitions of this area, listed for the registry (REST, OpenAPI, permission matrix).
export const identityActions = {} as const;
