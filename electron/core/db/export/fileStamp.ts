/** The local-independent time of an export for a suggested file name: 20261201-031500. */
export const fileStamp = (now = new Date()): string => now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
