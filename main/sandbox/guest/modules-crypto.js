// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 6: the `crypto` module (hashing through a copied-argument host call,
// seeded randomness) and `./utils` (ipRangeCheck).

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes `crypto` hands out: a Uint8Array that prints as hex or base64 like a Buffer. */
class Bytes extends Uint8ArrayCtor {
  toString(encoding = 'utf8') {
    if (encoding === 'hex') return bytesToHex(this);
    if (encoding === 'base64') return bytesToBase64(this);
    let out = '';
    for (let i = 0; i < this.length; i++) out += StringFromCharCode(this[i]);
    if (encoding === 'latin1' || encoding === 'binary') return out;
    try {
      return decodeURIComponentFn(StringReplace(bytesToHex(this), /(..)/g, '%$1'));
    } catch {
      return out;
    }
  }
  toJSON() {
    return { type: 'Buffer', data: ReflectApply(Array.from, Array, [this]) };
  }
}

function bytesToHex(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
  return out;
}

function bytesToBase64(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

function bytesFromHex(hex) {
  const bytes = new Bytes(hex.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = NumberCtor.parseInt(StringSlice(hex, i * 2, i * 2 + 2), 16);
  return bytes;
}

function toChunk(data, encoding) {
  if (typeof data === 'string') return { data, encoding: encoding ?? 'utf8' };
  if (data instanceof Uint8ArrayCtor) return { data: bytesToHex(data), encoding: 'hex' };
  throw new TypeErrorCtor('crypto: update() takes a string or the bytes returned by crypto');
}

function makeDigest(kind, algorithm, key) {
  const chunks = [];
  let finished = false;
  const hash = {
    update(data, encoding) {
      if (finished) throw new ErrorCtor('crypto: digest() was already called on this hash');
      append(chunks, toChunk(data, encoding));
      return hash;
    },
    digest(encoding) {
      if (finished) throw new ErrorCtor('crypto: digest() was already called on this hash');
      finished = true;
      const out = hostRequest('hash', {
        kind,
        algorithm: StringToLowerCase(StringCtor(algorithm)),
        key,
        chunks,
        encoding: encoding ?? 'hex',
      });
      return encoding === undefined ? bytesFromHex(out) : out;
    },
  };
  return hash;
}

function randomBytes(size, callback) {
  if (!NumberIsInteger(size) || size < 0 || size > 65536) {
    throw new RangeErrorCtor('crypto.randomBytes: size must be an integer from 0 to 65536');
  }
  const bytes = new Bytes(size);
  for (let i = 0; i < size; i++) bytes[i] = nextUint32() & 255;
  if (typeof callback === 'function') {
    PromiseThen(PromiseResolve(undefined), () => callback(null, bytes));
    return undefined;
  }
  return bytes;
}

function randomUUID() {
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = bytesToHex(b);
  return `${StringSlice(h, 0, 8)}-${StringSlice(h, 8, 12)}-${StringSlice(h, 12, 16)}-${StringSlice(h, 16, 20)}-${StringSlice(h, 20)}`;
}

const cryptoModule = ObjectFreeze({
  createHash: (algorithm) => makeDigest('hash', algorithm, null),
  createHmac: (algorithm, key) => {
    const k = toChunk(key, 'utf8');
    return makeDigest('hmac', algorithm, k);
  },
  randomBytes,
  randomUUID,
  randomInt: (min, max) => {
    const lo = max === undefined ? 0 : min;
    const hi = max === undefined ? min : max;
    return lo + MathFloor(nextRandom() * (hi - lo));
  },
  getHashes: () => ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'],
});

/** An IPv4 or IPv6 address as `{ v: 4|6, n: bigint }`, or null when it is not one. */
function parseIp(text) {
  if (typeof text !== 'string') return null;
  const ip = StringTrim(text);
  const v4 = RegExpExec(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/, ip);
  if (v4 !== null) {
    let n = 0n;
    for (let i = 1; i <= 4; i++) {
      const part = NumberCtor(v4[i]);
      if (part > 255) return null;
      n = n * 256n + BigIntCtor(part);
    }
    return { v: 4, n };
  }
  if (StringIndexOf(ip, ':') < 0) return null;
  let address = ip;
  const zone = StringIndexOf(address, '%');
  if (zone >= 0) address = StringSlice(address, 0, zone);
  let tail = [];
  const lastColon = address.lastIndexOf(':');
  const embedded = parseIp(StringSlice(address, lastColon + 1));
  if (embedded !== null && embedded.v === 4) {
    tail = [
      NumberToString(NumberCtor(embedded.n >> 16n), 16),
      NumberToString(NumberCtor(embedded.n & 0xffffn), 16),
    ];
    address = `${StringSlice(address, 0, lastColon + 1)}x`;
  }
  const halves = StringSplit(address, '::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : StringSplit(halves[0], ':');
  let rest = halves.length === 2 ? (halves[1] === '' ? [] : StringSplit(halves[1], ':')) : [];
  const fix = (groups) => {
    const out = [];
    for (const g of groups) {
      if (g === 'x') for (const t of tail) append(out, t);
      else append(out, g);
    }
    return out;
  };
  const h = fix(head);
  rest = fix(rest);
  const missing = 8 - h.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [];
  for (const g of h) append(groups, g);
  for (let i = 0; i < (halves.length === 2 ? missing : 0); i++) append(groups, '0');
  for (const g of rest) append(groups, g);
  let n = 0n;
  for (const g of groups) {
    if (!RegExpTest(/^[0-9a-f]{1,4}$/i, g)) return null;
    n = n * 65536n + BigIntCtor(NumberCtor.parseInt(g, 16));
  }
  if (n >> 32n === 0xffffn) return { v: 4, n: n & 0xffffffffn };
  return { v: 6, n };
}

/** True when `ip` lies in `[start, end]` (inclusive), in a CIDR string, or in any of a list of those. */
function ipRangeCheck(ip, range) {
  const address = parseIp(ip);
  if (address === null) return false;
  if (typeof range === 'string') return inCidr(address, range);
  if (!ArrayIsArray(range)) return false;
  if (
    range.length === 2 &&
    typeof range[0] === 'string' &&
    typeof range[1] === 'string' &&
    StringIndexOf(range[0], '/') < 0
  ) {
    const start = parseIp(range[0]);
    const end = parseIp(range[1]);
    if (start !== null && end !== null && start.v === address.v && end.v === address.v) {
      return start.n <= address.n && address.n <= end.n;
    }
    if (start !== null && end !== null) return false;
  }
  for (let i = 0; i < range.length; i++) {
    const item = range[i];
    if (
      typeof item === 'string' &&
      (StringIndexOf(item, '/') >= 0 ? inCidr(address, item) : sameIp(address, item))
    )
      return true;
    if (ArrayIsArray(item) && ipRangeCheck(ip, item)) return true;
  }
  return false;
}

function sameIp(address, text) {
  const other = parseIp(text);
  return other !== null && other.v === address.v && other.n === address.n;
}

function inCidr(address, cidr) {
  const at = StringIndexOf(cidr, '/');
  if (at < 0) return sameIp(address, cidr);
  const base = parseIp(StringSlice(cidr, 0, at));
  const bits = NumberCtor(StringSlice(cidr, at + 1));
  if (base === null || base.v !== address.v || !NumberIsInteger(bits)) return false;
  const width = base.v === 4 ? 32 : 128;
  if (bits < 0 || bits > width) return false;
  const shift = BigIntCtor(width - bits);
  return base.n >> shift === address.n >> shift;
}

const utilsModule = ObjectFreeze({ ipRangeCheck });
