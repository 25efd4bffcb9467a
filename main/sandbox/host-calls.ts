import { type BinaryToTextEncoding, createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { LiveOptions } from '../../shared/run-request.ts';

const HASHES = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);
const INPUT_ENCODINGS = new Set(['utf8', 'utf-8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii']);
const OUTPUT_ENCODINGS = new Set(['hex', 'base64', 'base64url', 'latin1']);
const MAX_INPUT_CHARS = 16 * 1024 * 1024;

interface Chunk {
  data: string;
  encoding: BufferEncoding;
}

function readChunk(value: unknown): Chunk {
  const chunk = value as { data?: unknown; encoding?: unknown } | null;
  if (
    typeof chunk?.data !== 'string' ||
    typeof chunk.encoding !== 'string' ||
    !INPUT_ENCODINGS.has(chunk.encoding)
  ) {
    throw new Error('crypto: update() accepts a string with encoding utf8, hex, base64 or latin1');
  }
  return { data: chunk.data, encoding: chunk.encoding as BufferEncoding };
}

/**
 * The one synchronous host service the guest may call: hashing. Arguments arrive as a JSON
 * string copied out of the isolate and are validated here; the answer is a JSON string.
 */
export function hostCall(op: unknown, payloadJson: unknown): string {
  try {
    if (op !== 'hash' || typeof payloadJson !== 'string' || payloadJson.length > MAX_INPUT_CHARS) {
      throw new Error('unsupported host call');
    }
    const payload = JSON.parse(payloadJson) as {
      kind?: unknown;
      algorithm?: unknown;
      key?: unknown;
      chunks?: unknown;
      encoding?: unknown;
    };
    const algorithm = String(payload.algorithm);
    if (!HASHES.has(algorithm)) {
      throw new Error(`crypto: digest "${algorithm}" is not available; use one of ${[...HASHES].join(', ')}`);
    }
    const encoding = String(payload.encoding);
    if (!OUTPUT_ENCODINGS.has(encoding)) {
      throw new Error(`crypto: digest("${encoding}") is not supported; use hex, base64 or latin1`);
    }
    let hash: Hash | Hmac;
    if (payload.kind === 'hmac') {
      const key = readChunk(payload.key);
      hash = createHmac(algorithm, Buffer.from(key.data, key.encoding));
    } else hash = createHash(algorithm);
    if (!Array.isArray(payload.chunks)) throw new Error('crypto: bad hash input');
    for (const item of payload.chunks) {
      const chunk = readChunk(item);
      hash.update(Buffer.from(chunk.data, chunk.encoding));
    }
    return JSON.stringify({ ok: hash.digest(encoding as BinaryToTextEncoding) });
  } catch (error) {
    return JSON.stringify({ error: error instanceof Error ? error.message : 'host call failed' });
  }
}

const LIVE_TIMEOUT_MS = 10_000;
const LIVE_MAX_BODY = 4 * 1024 * 1024;

/** Performs one live-mode HTTP call for `axios`, only to an allow-listed host. */
export async function liveFetch(live: LiveOptions | undefined, payloadJson: unknown): Promise<string> {
  try {
    if (!live) throw new Error('live HTTP is off: this run replays recorded responses');
    if (typeof payloadJson !== 'string') throw new Error('bad request');
    const payload = JSON.parse(payloadJson) as {
      method?: unknown;
      url?: unknown;
      headers?: unknown;
      body?: unknown;
    };
    const url = new URL(String(payload.url));
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new Error(`only http(s) URLs can be called, not ${url.protocol}`);
    if (!live.allowHosts.includes(url.hostname)) {
      throw new Error(
        `${url.hostname} is not on the live-mode allow-list (${live.allowHosts.join(', ') || 'empty'})`,
      );
    }
    const headers: Record<string, string> = {};
    if (payload.headers && typeof payload.headers === 'object') {
      for (const [key, value] of Object.entries(payload.headers)) headers[key] = String(value);
    }
    let body: string | undefined;
    if (payload.body !== undefined) {
      body = typeof payload.body === 'string' ? payload.body : JSON.stringify(payload.body);
      if (
        typeof payload.body !== 'string' &&
        !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')
      ) {
        headers['content-type'] = 'application/json';
      }
    }
    const response = await fetch(url, {
      method: String(payload.method ?? 'GET'),
      headers,
      body,
      redirect: 'follow',
      signal: AbortSignal.timeout(LIVE_TIMEOUT_MS),
    });
    const text = await response.text();
    if (text.length > LIVE_MAX_BODY) throw new Error(`the response of ${url.href} is larger than 4 MB`);
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      responseHeaders[key] = value;
    });
    return JSON.stringify({
      status: response.status,
      statusText: response.statusText,
      headers: responseHeaders,
      body: parsed,
    });
  } catch (error) {
    return JSON.stringify({ error: error instanceof Error ? error.message : 'the request failed' });
  }
}
