// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 5: the `querystring` and `url` modules and the URL / URLSearchParams globals
// (V8 alone has none of them).

function qsEscape(value) {
  return encodeURIComponentFn(value);
}

function qsUnescape(value) {
  try {
    return decodeURIComponentFn(value);
  } catch {
    return value;
  }
}

function qsParse(text, sep = '&', eq = '=') {
  const result = {};
  if (typeof text !== 'string' || text.length === 0) return result;
  const pairs = StringSplit(text, sep);
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    if (pair.length === 0) continue;
    const at = StringIndexOf(pair, eq);
    const rawKey = at >= 0 ? StringSlice(pair, 0, at) : pair;
    const rawValue = at >= 0 ? StringSlice(pair, at + eq.length) : '';
    const key = qsUnescape(StringReplace(rawKey, /\+/g, ' '));
    const value = qsUnescape(StringReplace(rawValue, /\+/g, ' '));
    if (!ObjectHasOwn(result, key)) {
      ObjectDefineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
    } else if (ArrayIsArray(result[key])) append(result[key], value);
    else result[key] = [result[key], value];
  }
  return result;
}

function qsStringify(object, sep = '&', eq = '=') {
  if (typeof object !== 'object' || object === null) return '';
  const out = [];
  const keys = ObjectKeys(object);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = object[key];
    const values = ArrayIsArray(value) ? value : [value];
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      const text =
        typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? StringCtor(v) : '';
      append(out, `${qsEscape(key)}${eq}${qsEscape(text)}`);
    }
  }
  return ArrayJoin(out, sep);
}

const querystringModule = ObjectFreeze({
  parse: qsParse,
  decode: qsParse,
  stringify: qsStringify,
  encode: qsStringify,
  escape: qsEscape,
  unescape: qsUnescape,
});

class URLSearchParams {
  #list = [];
  constructor(init) {
    if (typeof init === 'string') {
      const text = init[0] === '?' ? StringSlice(init, 1) : init;
      const parsed = StringSplit(text, '&');
      for (let i = 0; i < parsed.length; i++) {
        if (parsed[i].length === 0) continue;
        const at = StringIndexOf(parsed[i], '=');
        const k = at >= 0 ? StringSlice(parsed[i], 0, at) : parsed[i];
        const v = at >= 0 ? StringSlice(parsed[i], at + 1) : '';
        append(this.#list, [
          qsUnescape(StringReplace(k, /\+/g, ' ')),
          qsUnescape(StringReplace(v, /\+/g, ' ')),
        ]);
      }
    } else if (typeof init === 'object' && init !== null) {
      const keys = ObjectKeys(init);
      for (let i = 0; i < keys.length; i++) append(this.#list, [keys[i], StringCtor(init[keys[i]])]);
    }
  }
  append(name, value) {
    append(this.#list, [StringCtor(name), StringCtor(value)]);
  }
  delete(name) {
    const kept = [];
    for (const entry of this.#list) if (entry[0] !== name) append(kept, entry);
    this.#list = kept;
  }
  get(name) {
    for (const entry of this.#list) if (entry[0] === name) return entry[1];
    return null;
  }
  getAll(name) {
    const out = [];
    for (const entry of this.#list) if (entry[0] === name) append(out, entry[1]);
    return out;
  }
  has(name) {
    return this.get(name) !== null;
  }
  set(name, value) {
    this.delete(name);
    this.append(name, value);
  }
  forEach(fn) {
    for (const entry of this.#list) fn(entry[1], entry[0], this);
  }
  keys() {
    return this.getEntries()
      .map((e) => e[0])
      [Symbol.iterator]();
  }
  values() {
    return this.getEntries()
      .map((e) => e[1])
      [Symbol.iterator]();
  }
  entries() {
    return this.getEntries()[Symbol.iterator]();
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  getEntries() {
    const out = [];
    for (const entry of this.#list) append(out, [entry[0], entry[1]]);
    return out;
  }
  toString() {
    const out = [];
    for (const entry of this.#list) {
      append(
        out,
        `${StringReplace(qsEscape(entry[0]), /%20/g, '+')}=${StringReplace(qsEscape(entry[1]), /%20/g, '+')}`,
      );
    }
    return ArrayJoin(out, '&');
  }
}

const URL_PATTERN =
  /^([a-z][a-z0-9+.-]*:)?(\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?)?([^?#]*)(\?[^#]*)?(#.*)?$/i;

function splitUrl(text) {
  const m = RegExpExec(URL_PATTERN, StringTrim(StringCtor(text)));
  if (m === null) return null;
  return {
    protocol: m[1] === undefined ? null : StringToLowerCase(m[1]),
    slashes: m[2] !== undefined,
    username: m[3] ?? '',
    password: m[4] ?? '',
    hostname: m[5] === undefined ? null : StringToLowerCase(m[5]),
    port: m[6] ?? '',
    pathname: m[7] ?? '',
    search: m[8] ?? '',
    hash: m[9] ?? '',
  };
}

class URL {
  constructor(input, base) {
    let parts = splitUrl(input);
    if (parts === null || parts.protocol === null) {
      const b = base === undefined ? null : splitUrl(base);
      if (parts === null || b === null || b.protocol === null)
        throw new TypeErrorCtor(`Invalid URL: ${safeString(input)}`);
      const path =
        parts.pathname[0] === '/'
          ? parts.pathname
          : `${StringReplace(b.pathname, /[^/]*$/, '')}${parts.pathname}`;
      parts = { ...b, pathname: path || b.pathname, search: parts.search, hash: parts.hash };
    }
    if (parts.slashes && parts.pathname === '') parts.pathname = '/';
    this.protocol = parts.protocol;
    this.username = parts.username;
    this.password = parts.password;
    this.hostname = parts.hostname ?? '';
    this.port = parts.port;
    this.pathname = parts.pathname;
    this.hash = parts.hash;
    this.searchParams = new URLSearchParams(parts.search);
  }
  get host() {
    return this.port ? `${this.hostname}:${this.port}` : this.hostname;
  }
  get origin() {
    return `${this.protocol}//${this.host}`;
  }
  get search() {
    const text = this.searchParams.toString();
    return text ? `?${text}` : '';
  }
  get href() {
    const auth = this.username ? `${this.username}${this.password ? `:${this.password}` : ''}@` : '';
    return `${this.protocol}//${auth}${this.host}${this.pathname}${this.search}${this.hash}`;
  }
  toString() {
    return this.href;
  }
  toJSON() {
    return this.href;
  }
}

function urlParse(text, parseQuery) {
  const p = splitUrl(text);
  if (p === null) throw new TypeErrorCtor(`url.parse could not read ${safeString(text)}`);
  const host = p.hostname === null ? null : p.port ? `${p.hostname}:${p.port}` : p.hostname;
  const query = p.search ? StringSlice(p.search, 1) : parseQuery ? '' : null;
  return {
    protocol: p.protocol,
    slashes: p.slashes || null,
    auth: p.username ? `${p.username}${p.password ? `:${p.password}` : ''}` : null,
    host,
    port: p.port || null,
    hostname: p.hostname,
    hash: p.hash || null,
    search: p.search || (parseQuery ? '' : null),
    query: parseQuery ? qsParse(query ?? '') : query,
    pathname: p.pathname || (p.slashes ? '/' : null),
    path: `${p.pathname || (p.slashes ? '/' : '')}${p.search}` || null,
    href: StringCtor(text),
  };
}

function urlFormat(object) {
  if (typeof object === 'string') return object;
  if (object instanceof URL) return object.href;
  const o = object ?? {};
  const protocol = o.protocol ? (StringSlice(o.protocol, -1) === ':' ? o.protocol : `${o.protocol}:`) : '';
  const host = o.host ?? (o.hostname ? `${o.hostname}${o.port ? `:${o.port}` : ''}` : '');
  const search = o.search ?? (o.query && typeof o.query === 'object' ? `?${qsStringify(o.query)}` : '');
  return `${protocol}${host ? '//' : ''}${o.auth ? `${o.auth}@` : ''}${host}${o.pathname ?? ''}${search === '?' ? '' : search}${o.hash ?? ''}`;
}

const urlModule = ObjectFreeze({
  parse: urlParse,
  format: urlFormat,
  resolve: (from, to) => new URL(to, from).href,
  URL,
  URLSearchParams,
});
