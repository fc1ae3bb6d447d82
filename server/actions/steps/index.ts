// Action definitions of this area, listed for the registry (REST, OpenAPI, permission matrix).
export const stepsActions = {} as const;
