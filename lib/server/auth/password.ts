import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// scrypt from node:crypto: memory-hard, and no native package to build. Parameters travel inside the stored
// string, so raising them later still verifies old hashes.
const N = 2 ** 15;
const r = 8;
const p = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// scrypt needs about 128 * N * r bytes (32 MiB here), which is exactly Node's default ceiling; leave headroom.
const maxmemFor = (cost: number, blockSize: number) => 256 * cost * blockSize;
// A stored string is data, so bound what it may ask of us.
const MAX_COST = 2 ** 20;

function derive(plain: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(plain.normalize("NFC"), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Returns `scrypt$N$r$p$<salt base64>$<hash base64>`. */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(plain, salt, KEY_BYTES, { N, r, p, maxmem: maxmemFor(N, r) });
  return ["scrypt", N, r, p, salt.toString("base64"), key.toString("base64")].join("$");
}

/** True only if `plain` matches; a malformed or tampered stored value is simply a mismatch. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [cost, blockSize, parallel] = parts.slice(1, 4).map(Number);
  if (!isPositiveInt(cost) || !isPositiveInt(blockSize) || !isPositiveInt(parallel)) return false;
  if (cost > MAX_COST || blockSize > 32 || parallel > 16) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64");
  const expected = Buffer.from(parts[5] ?? "", "base64");
  if (salt.length === 0 || expected.length < 16) return false;
  let actual: Buffer;
  try {
    actual = await derive(plain, salt, expected.length, {
      N: cost,
      r: blockSize,
      p: parallel,
      maxmem: maxmemFor(cost, blockSize),
    });
  } catch {
    return false; // e.g. N not a power of two
  }
  return timingSafeEqual(actual, expected);
}

function isPositiveInt(value: number | undefined): value is number {
  return value !== undefined && Number.isInteger(value) && value > 0;
}
