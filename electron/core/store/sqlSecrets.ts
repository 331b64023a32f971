/**
 * SQL that may carry a password (CREATE USER ... IDENTIFIED BY, ALTER ROLE ... PASSWORD, SET
 * PASSWORD). Such SQL is not written to Burrow's plain files (history, kept tabs): secrets only
 * ever go to the vault.
 */
const MAY_HOLD_SECRET = /\bidentified\s+(?:by|with)\b|\bpassword\b/i;

export const mayHoldSecret = (sql: string): boolean => MAY_HOLD_SECRET.test(sql);
