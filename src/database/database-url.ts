/** Injection token: the application role's connection URL (for LISTEN connections). */
export const DATABASE_URL = Symbol('DATABASE_URL');
