// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 2: turns guest values into JSON text with captured intrinsics only.
// Accessors become "[getter]" (never invoked), cycles "[Circular]", BigInt "[BigInt: n]";
// functions and symbols are dropped like JSON.stringify drops them. Depth and size are capped.
// The host parses the text again with its own limits: nothing here is trusted.

const SERIALIZE_MAX_DEPTH = 64;
const SERIALIZE_MAX_CHARS = 2 * 1024 * 1024;

class SerializeLimit extends ErrorCtor {}

/**
 * Serializes `value`; returns `{ json }` or `{ error }` with a message a person can act on.
 * `what` names the value in messages ("the user passed to callback").
 */
function serialize(value, what, maxChars = SERIALIZE_MAX_CHARS) {
  const state = { __proto__: null, size: 0, max: maxChars, ancestors: newList(), depth: 0 };
  try {
    const json = writeValue(value, 0, state, false);
    return { __proto__: null, json: json === undefined ? 'null' : json };
  } catch (error) {
    if (error instanceof SerializeLimit) return { __proto__: null, error: `${what} ${error.message}` };
    return { __proto__: null, error: `${what} could not be turned into JSON: ${errorMessage(error)}` };
  }
}

function count(state, text) {
  state.size += text.length;
  if (state.size > state.max) {
    throw new SerializeLimit(`is too large (more than ${MathFloor(state.max / 1024)} KB as JSON)`);
  }
  return text;
}

function writeValue(value, depth, state, inArray) {
  switch (typeof value) {
    case 'string':
      return count(state, JSONStringify(value));
    case 'number':
      return count(state, NumberIsFinite(value) ? NumberToString(value) : 'null');
    case 'boolean':
      return count(state, value ? 'true' : 'false');
    case 'bigint':
      return count(state, JSONStringify(`[BigInt: ${BigIntToString(value)}]`));
    case 'undefined':
    case 'function':
    case 'symbol':
      return inArray ? count(state, 'null') : undefined;
    case 'object':
      break;
    default:
      return inArray ? count(state, 'null') : undefined;
  }
  if (value === null) return count(state, 'null');
  if (depth >= SERIALIZE_MAX_DEPTH) {
    throw new SerializeLimit(`is nested too deeply (more than ${SERIALIZE_MAX_DEPTH} levels)`);
  }
  for (let i = 0; i < state.depth; i++) if (state.ancestors[i] === value) return count(state, '"[Circular]"');
  const time = dateTime(value);
  if (time !== undefined) {
    return count(state, NumberIsFinite(time) ? JSONStringify(DateToISOString(value)) : 'null');
  }
  state.ancestors[state.depth] = value;
  state.depth += 1;
  let out;
  if (ArrayIsArray(value)) {
    const length = ownData(value, 'length');
    const n = typeof length === 'number' ? length : 0;
    out = count(state, '[');
    for (let i = 0; i < n; i++) {
      if (i > 0) out += count(state, ',');
      out += writeMember(value, StringCtor(i), depth, state, true) ?? count(state, 'null');
    }
    out += count(state, ']');
  } else {
    const keys = ObjectKeys(value);
    out = count(state, '{');
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const member = writeMember(value, key, depth, state, false);
      if (member === undefined) continue;
      out += `${first ? '' : ','}${count(state, JSONStringify(key))}:${member}`;
      first = false;
    }
    out += count(state, '}');
  }
  state.depth -= 1;
  return out;
}

function writeMember(object, key, depth, state, inArray) {
  const desc = ObjectGetOwnPropertyDescriptor(object, key);
  if (desc === undefined) return inArray ? count(state, 'null') : undefined;
  if (!ObjectHasOwn(desc, 'value')) return count(state, '"[getter]"');
  return writeValue(desc.value, depth + 1, state, inArray);
}

/** The time of a real Date (brand-checked, so a look-alike object is not trusted), else undefined. */
function dateTime(value) {
  // A failed brand check throws, which is slow: look at the prototype chain first.
  if (!(value instanceof RealDate)) return undefined;
  try {
    return DateGetTime(value);
  } catch {
    return undefined;
  }
}

/** The message of anything thrown, without running user getters more than once. */
function errorMessage(error) {
  if (typeof error === 'object' && error !== null) {
    const message = ownOrInheritedMessage(error);
    if (message !== undefined) return message;
    return safeString(error);
  }
  return safeString(error);
}

function ownOrInheritedMessage(error) {
  try {
    const message = error.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

/** Plain JSON copy of a value, or a thrown TypeError naming `what`. */
function jsonCopy(value, what) {
  const result = serialize(value, what);
  if (result.error !== undefined) throw new TypeErrorCtor(result.error);
  return JSONParse(result.json);
}
