import { randomFillSync } from 'node:crypto';
import type { Client } from 'ssh2';

/**
 * Random padding for outgoing SSH packets, taken from a pool the CSPRNG fills 16 KiB at a time.
 *
 * ssh2 calls `crypto.randomFillSync` for the 4-19 padding bytes of every packet it sends. Each
 * call is a trip into OpenSSL through a job object: 4-5 us in a tight loop, and 20-70 us on the
 * first packet after an idle moment (measured on the benchmark VM), which is a query's packet.
 * That cost sits on every round trip's critical path. The pool keeps the padding exactly as
 * random (CSPRNG bytes, each used once) and makes a packet's padding a memcpy.
 */
const POOL_BYTES = 16 * 1024;
let pool = Buffer.alloc(0);
let used = 0;

/** Copies `length` fresh random bytes into `target` at `offset`. */
export function fillRandom(target: Buffer, offset: number, length: number): void {
  if (used + length > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(Math.max(POOL_BYTES, length)));
    used = 0;
  }
  pool.copy(target, offset, used, used + length);
  // Spent bytes are wiped, so the pool never holds padding that already went out.
  pool.fill(0, used, used + length);
  used += length;
}

interface CipherInternals {
  allocPacket(payloadLen: number): Buffer;
  _encBlockLen?: number;
  _aadLen?: number;
  _macLen?: number;
}

/**
 * The packet layout of ssh2's native-binding ciphers (the ones Burrow negotiates when the binding
 * loaded): block size, the leading bytes left out of the padding arithmetic (the clear length
 * field of AEAD and ETM modes), and the room left for the tag or MAC after the packet.
 */
const AES_GCM = { block: 16, aad: 4, tail: 16 };
const CHACHA_POLY = { block: 8, aad: 4, tail: 16 };
const layouts: Record<string, (cipher: CipherInternals) => { block: number; aad: number; tail: number }> = {
  AESGCMCipherBinding: () => AES_GCM,
  ChaChaPolyCipherBinding: () => CHACHA_POLY,
  GenericCipherBinding: (cipher) => ({ block: cipher._encBlockLen ?? 8, aad: cipher._aadLen ?? 0, tail: cipher._macLen ?? 0 }),
};

const patched = Symbol('burrow.pooledPadding');

/**
 * Gives the class of `cipher` an `allocPacket` that pads from the pool. It lays the packet out as
 * ssh2 does (RFC 4253 section 6: at least 4 padding bytes, the packet a multiple of the block).
 * Classes whose layout is not known here keep ssh2's own. Returns whether the class uses the pool.
 */
export function poolPaddingOf(cipher: object): boolean {
  const prototype = Object.getPrototypeOf(cipher) as CipherInternals & { [patched]?: true; constructor: { name: string } };
  if (prototype[patched]) return true;
  const layoutOf = layouts[prototype.constructor.name];
  if (!layoutOf || typeof prototype.allocPacket !== 'function') return false;
  prototype.allocPacket = function allocPacket(this: CipherInternals, payloadLen: number): Buffer {
    const { block, aad, tail } = layoutOf(this);
    let packetLen = 4 + 1 + payloadLen;
    let padLen = block - ((packetLen - aad) & (block - 1));
    if (padLen < 4) padLen += block;
    packetLen += padLen;
    const packet = Buffer.allocUnsafe(packetLen + tail);
    packet.writeUInt32BE(packetLen - 4, 0);
    packet[4] = padLen;
    fillRandom(packet, 5 + payloadLen, padLen);
    return packet;
  };
  prototype[patched] = true;
  return true;
}

/** Pools the padding of a connected client's outgoing cipher (rekeys make new ciphers of the same class). */
export function usePooledPadding(client: Client): boolean {
  const cipher = (client as unknown as { _protocol?: { _cipher?: object } })._protocol?._cipher;
  return cipher ? poolPaddingOf(cipher) : false;
}
