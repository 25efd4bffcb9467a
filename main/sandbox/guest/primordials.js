// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 1: intrinsics captured when the snapshot is built, before any user code
// runs. User code may replace globals and prototype methods; the runtime only calls these.
// All guest files are concatenated into one strict-mode function scope (see guest-source.ts).

const ReflectApply = Reflect.apply;
const ReflectConstruct = Reflect.construct;
const ReflectOwnKeys = Reflect.ownKeys;
const ObjectKeys = Object.keys;
const ObjectValues = Object.values;
const ObjectIs = Object.is;
const ObjectIsExtensible = Object.isExtensible;
const ObjectFreeze = Object.freeze;
const ObjectCreate = Object.create;
const ObjectDefineProperty = Object.defineProperty;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectSetPrototypeOf = Object.setPrototypeOf;
const ObjectAssign = Object.assign;
const ObjectPrototype = Object.prototype;
const ObjectHasOwn = Object.hasOwn;
const ArrayIsArray = Array.isArray;
const JSONStringify = JSON.stringify;
const JSONParse = JSON.parse;
const StringCtor = String;
const NumberCtor = Number;
const NumberIsFinite = Number.isFinite;
const NumberIsInteger = Number.isInteger;
const MathFloor = Math.floor;
const MathMin = Math.min;
const MathMax = Math.max;
const MathImul = Math.imul;
const ErrorCtor = Error;
const TypeErrorCtor = TypeError;
const RangeErrorCtor = RangeError;
const PromiseCtor = Promise;
const ProxyCtor = Proxy;
const MapCtor = Map;
const SetCtor = Set;
const BigIntCtor = BigInt;
const Uint8ArrayCtor = Uint8Array;
const RealDate = Date;
const StringFromCharCode = String.fromCharCode;
const encodeURIComponentFn = encodeURIComponent;
const decodeURIComponentFn = decodeURIComponent;
const IntlDateTimeFormat = Intl.DateTimeFormat;

const FunctionCall = Function.prototype.call;
const FunctionBind = Function.prototype.bind;

/**
 * Turns a prototype method into a function taking `this` first, immune to later patching
 * (`call` bound to the method, as Node's primordials do: no argument array per call).
 */
function uncurry(fn) {
  return ReflectApply(FunctionBind, FunctionCall, [fn]);
}

const PromiseThen = uncurry(Promise.prototype.then);
const PromiseResolve = (value) => ReflectApply(Promise.resolve, PromiseCtor, [value]);
const PromiseReject = (reason) => ReflectApply(Promise.reject, PromiseCtor, [reason]);
const MapGet = uncurry(Map.prototype.get);
const MapSet = uncurry(Map.prototype.set);
const MapHas = uncurry(Map.prototype.has);
const MapDelete = uncurry(Map.prototype.delete);
const SetHas = uncurry(Set.prototype.has);
const SetAdd = uncurry(Set.prototype.add);
const SetDelete = uncurry(Set.prototype.delete);
const StringSlice = uncurry(String.prototype.slice);
const StringIndexOf = uncurry(String.prototype.indexOf);
const StringSplit = uncurry(String.prototype.split);
const StringReplace = uncurry(String.prototype.replace);
const StringToUpperCase = uncurry(String.prototype.toUpperCase);
const StringToLowerCase = uncurry(String.prototype.toLowerCase);
const StringCharCodeAt = uncurry(String.prototype.charCodeAt);
const StringPadStart = uncurry(String.prototype.padStart);
const StringTrim = uncurry(String.prototype.trim);
const ArrayJoin = uncurry(Array.prototype.join);
const ArraySort = uncurry(Array.prototype.sort);
const RegExpTest = uncurry(RegExp.prototype.test);
const RegExpExec = uncurry(RegExp.prototype.exec);
const NumberToString = uncurry(Number.prototype.toString);
const BigIntToString = uncurry(BigInt.prototype.toString);
const SymbolToString = uncurry(Symbol.prototype.toString);
const FunctionToString = uncurry(Function.prototype.toString);
const DateGetTime = uncurry(Date.prototype.getTime);
const DateSetTime = uncurry(Date.prototype.setTime);
const DateToISOString = uncurry(Date.prototype.toISOString);
const DateNowReal = Date.now;
const DateUTC = Date.UTC;
const DateParse = Date.parse;
const DTFFormatToParts = uncurry(Intl.DateTimeFormat.prototype.formatToParts);
const ErrorCaptureStackTrace = Error.captureStackTrace;

/**
 * Appends without Array.prototype.push, which user code may have replaced. A list from `newList`
 * has no prototype, so a plain store cannot meet an index setter planted on a prototype.
 */
function append(list, value) {
  if (ObjectGetPrototypeOf(list) === null) list[list.length] = value;
  else
    ObjectDefineProperty(list, list.length, { value, writable: true, enumerable: true, configurable: true });
}

/** A fresh array with no prototype: no index accessors from a polluted prototype in the way. */
function newList() {
  return ObjectSetPrototypeOf([], null);
}

/** `String(value)` that never runs user code and never throws. */
function safeString(value) {
  try {
    switch (typeof value) {
      case 'string':
        return value;
      case 'number':
        return NumberToString(value);
      case 'bigint':
        return `${BigIntToString(value)}n`;
      case 'boolean':
        return value ? 'true' : 'false';
      case 'undefined':
        return 'undefined';
      case 'symbol':
        return SymbolToString(value);
      case 'function':
        return '[Function]';
      default:
        return value === null ? 'null' : '[object]';
    }
  } catch {
    return '[unprintable value]';
  }
}

/** Reads an own data property without triggering getters or proxies' get traps on prototypes. */
function ownData(object, key) {
  try {
    const desc = ObjectGetOwnPropertyDescriptor(object, key);
    return desc && ObjectHasOwn(desc, 'value') ? desc.value : undefined;
  } catch {
    return undefined;
  }
}
