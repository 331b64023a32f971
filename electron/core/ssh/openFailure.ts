const openFailureCodes: Record<number, string> = {
  1: 'administratively prohibited',
  2: 'connect failed',
  3: 'unknown channel type',
  4: 'resource shortage',
};

/** The server's words for a refused channel: its description, with the RFC 4254 reason named. */
export function openFailureReason(error: Error & { reason?: number }): string {
  const description = error.message.replace(/^\(SSH\) Channel open failure: ?/, '');
  const named = error.reason !== undefined ? openFailureCodes[error.reason] : undefined;
  return named && description !== named ? `${description} [${named}]` : description;
}
