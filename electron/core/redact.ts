/**
 * Strips secrets from text that may reach logs or the renderer: passwords in connection URLs,
 * `password=`-style pairs, and private key blocks.
 */
const urlCredentials = /\b([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]+):[^@/\s]*@/gi;
const keyValue = /\b(password|passwd|pwd|passphrase|secret|token)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;,]+)/gi;
const privateKeyBlock = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const puttyKey = /PuTTY-User-Key-File-[\s\S]*?(Private-MAC:[^\n]*|$)/g;

export function redact(text: string): string {
  return text
    .replace(privateKeyBlock, '[private key redacted]')
    .replace(puttyKey, '[private key redacted]')
    .replace(urlCredentials, '$1:***@')
    .replace(keyValue, '$1$2***');
}
