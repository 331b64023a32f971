import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ListeningSocket {
  protocol: 'tcp' | 'tcp6';
  localAddress: string;
  port: number;
  inode: number;
}

const LISTEN = '0A';

/**
 * TCP and TCP6 sockets in LISTEN state that belong to one of `pid`'s own file descriptors, read
 * from /proc. Burrow's invariant is that this is always empty for its process.
 */
export function listeningSocketsOf(pid: number | 'self' = 'self'): ListeningSocket[] {
  const owned = socketInodesOf(pid);
  const found: ListeningSocket[] = [];
  for (const protocol of ['tcp', 'tcp6'] as const) {
    let table: string;
    try {
      table = readFileSync(`/proc/net/${protocol}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== LISTEN) continue;
      const inode = Number(fields[9]);
      if (!owned.has(inode)) continue;
      const [addressHex = '', portHex = '0'] = (fields[1] ?? '').split(':');
      found.push({ protocol, localAddress: addressHex, port: parseInt(portHex, 16), inode });
    }
  }
  return found;
}

function socketInodesOf(pid: number | 'self'): Set<number> {
  const inodes = new Set<number>();
  const fdDir = `/proc/${pid}/fd`;
  for (const fd of readdirSync(fdDir)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`${fdDir}/${fd}`));
      if (match) inodes.add(Number(match[1]));
    } catch {
      // the fd closed while we looked
    }
  }
  return inodes;
}
