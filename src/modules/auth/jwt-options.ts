export const JWT_ISSUER = 'situation-table';
export const JWT_AUDIENCE = 'situation-table-api';
