export function ensureDatabase(databaseUrl: string): Promise<boolean>;
export function dropDatabase(databaseUrl: string): Promise<void>;
export function seedDatabase(databaseUrl: string): Promise<void>;
