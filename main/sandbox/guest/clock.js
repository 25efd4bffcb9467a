// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 4: the replay clock and seeded randomness. `Date` reads a virtual clock
// that starts at the fixture's `now` and advances only when a virtual timer fires; local-time
// methods follow the fixture's IANA time zone (the host process itself runs on UTC).

const clock = { now: 0, timeZone: 'UTC', parts: null, names: null, offsets: new MapCtor() };
const random = { a: 0, b: 0 };

function setClock(nowMs, timeZone) {
  clock.now = nowMs;
  clock.timeZone = timeZone;
  clock.offsets = new MapCtor();
  clock.parts =
    timeZone === 'UTC'
      ? null
      : new IntlDateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
  clock.names = null;
}

/** Milliseconds to add to a UTC instant to get the wall-clock time in the fixture's zone. */
function zoneOffset(t) {
  if (clock.parts === null || !NumberIsFinite(t)) return 0;
  const key = MathFloor(t / 900000);
  if (MapHas(clock.offsets, key)) return MapGet(clock.offsets, key);
  const parts = DTFFormatToParts(clock.parts, new RealDate(t));
  const f = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (ObjectHasOwn(f, part.type)) f[part.type] = NumberCtor(part.value);
  }
  const wall = DateUTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  const offset = wall - (t - (((t % 1000) + 1000) % 1000));
  MapSet(clock.offsets, key, offset);
  return offset;
}

/** The UTC instant whose wall-clock time in the fixture's zone is `local`. */
function localToUtc(local) {
  const guess = local - zoneOffset(local);
  return local - zoneOffset(guess);
}

function zoneName(t) {
  if (clock.parts === null) return 'Coordinated Universal Time';
  try {
    if (clock.names === null) {
      clock.names = new IntlDateTimeFormat('en-US', { timeZone: clock.timeZone, timeZoneName: 'long' });
    }
    const parts = DTFFormatToParts(clock.names, new RealDate(t));
    for (let i = 0; i < parts.length; i++) if (parts[i].type === 'timeZoneName') return parts[i].value;
  } catch {}
  return clock.timeZone;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const proto = RealDate.prototype;
const utc = {
  FullYear: uncurry(proto.getUTCFullYear),
  Month: uncurry(proto.getUTCMonth),
  Date: uncurry(proto.getUTCDate),
  Day: uncurry(proto.getUTCDay),
  Hours: uncurry(proto.getUTCHours),
  Minutes: uncurry(proto.getUTCMinutes),
  Seconds: uncurry(proto.getUTCSeconds),
  Milliseconds: uncurry(proto.getUTCMilliseconds),
};
const utcSet = {
  FullYear: uncurry(proto.setUTCFullYear),
  Month: uncurry(proto.setUTCMonth),
  Date: uncurry(proto.setUTCDate),
  Hours: uncurry(proto.setUTCHours),
  Minutes: uncurry(proto.setUTCMinutes),
  Seconds: uncurry(proto.setUTCSeconds),
  Milliseconds: uncurry(proto.setUTCMilliseconds),
};
const originalToLocale = {
  toLocaleString: uncurry(proto.toLocaleString),
  toLocaleDateString: uncurry(proto.toLocaleDateString),
  toLocaleTimeString: uncurry(proto.toLocaleTimeString),
};

function pad2(n) {
  return StringPadStart(NumberToString(n), 2, '0');
}

function dateString(t) {
  const w = new RealDate(t + zoneOffset(t));
  return `${DAYS[utc.Day(w)]} ${MONTHS[utc.Month(w)]} ${pad2(utc.Date(w))} ${StringPadStart(NumberToString(utc.FullYear(w)), 4, '0')}`;
}

function timeString(t) {
  const offset = zoneOffset(t);
  const w = new RealDate(t + offset);
  const minutes = offset / 60000;
  const sign = minutes < 0 ? '-' : '+';
  const abs = minutes < 0 ? -minutes : minutes;
  const zone = `GMT${sign}${pad2(MathFloor(abs / 60))}${pad2(abs % 60)}`;
  return `${pad2(utc.Hours(w))}:${pad2(utc.Minutes(w))}:${pad2(utc.Seconds(w))} ${zone} (${zoneName(t)})`;
}

/** The `Date` user code sees: the fixture clock, local times in the fixture's zone. */
const LOCAL_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?$/;
const parseLocal = (value) => {
  if (typeof value === 'string' && RegExpTest(LOCAL_DATE_TIME, value)) {
    return localToUtc(DateParse(`${value}Z`));
  }
  return DateParse(value);
};
function VirtualDate(...args) {
  if (new.target === undefined) return `${dateString(clock.now)} ${timeString(clock.now)}`;
  let t;
  if (args.length === 0) t = clock.now;
  else if (args.length === 1) {
    const value = args[0];
    t = typeof value === 'string' ? parseLocal(value) : DateGetTime(new RealDate(value));
  } else {
    const parts = [NumberCtor(args[0]), NumberCtor(args[1])];
    for (let i = 2; i < 7; i++) append(parts, args.length > i ? NumberCtor(args[i]) : i === 2 ? 1 : 0);
    t = localToUtc(ReflectApply(DateUTC, undefined, parts));
  }
  return ReflectConstruct(RealDate, [t], new.target);
}

/** Installs the virtual `Date`, zone-aware local methods, `Intl` defaults and seeded `Math.random`. */
function installClock(global) {
  ObjectDefineProperty(VirtualDate, 'length', { value: 7 });
  ObjectDefineProperty(VirtualDate, 'name', { value: 'Date' });
  ObjectDefineProperty(VirtualDate, 'prototype', { value: proto, writable: false });
  VirtualDate.now = () => clock.now;
  VirtualDate.UTC = DateUTC;
  VirtualDate.parse = parseLocal;
  ObjectDefineProperty(proto, 'constructor', { value: VirtualDate, writable: true, configurable: true });
  ObjectDefineProperty(global, 'Date', { value: VirtualDate, writable: true, configurable: true });

  const define = (name, fn) =>
    ObjectDefineProperty(proto, name, { value: fn, writable: true, configurable: true });
  for (const name of ObjectKeys(utc)) {
    define(`get${name}`, function () {
      const t = DateGetTime(this);
      if (!NumberIsFinite(t)) return 0 / 0;
      return utc[name](new RealDate(t + zoneOffset(t)));
    });
  }
  for (const name of ObjectKeys(utcSet)) {
    define(`set${name}`, function (...args) {
      const t = DateGetTime(this);
      const w = new RealDate(t + zoneOffset(t));
      ReflectApply(utcSet[name], undefined, [w, ...args]);
      return DateSetTime(this, localToUtc(DateGetTime(w)));
    });
  }
  define('getTimezoneOffset', function () {
    return -zoneOffset(DateGetTime(this)) / 60000;
  });
  define('toString', function () {
    const t = DateGetTime(this);
    return NumberIsFinite(t) ? `${dateString(t)} ${timeString(t)}` : 'Invalid Date';
  });
  define('toDateString', function () {
    const t = DateGetTime(this);
    return NumberIsFinite(t) ? dateString(t) : 'Invalid Date';
  });
  define('toTimeString', function () {
    const t = DateGetTime(this);
    return NumberIsFinite(t) ? timeString(t) : 'Invalid Date';
  });
  for (const name of ObjectKeys(originalToLocale)) {
    define(name, function (locales, options) {
      return originalToLocale[name](this, locales, withZone(options));
    });
  }

  function DateTimeFormat(locales, options) {
    return ReflectConstruct(
      IntlDateTimeFormat,
      [locales, withZone(options)],
      new.target ?? IntlDateTimeFormat,
    );
  }
  DateTimeFormat.prototype = IntlDateTimeFormat.prototype;
  DateTimeFormat.supportedLocalesOf = IntlDateTimeFormat.supportedLocalesOf;
  ObjectDefineProperty(Intl, 'DateTimeFormat', { value: DateTimeFormat, writable: true, configurable: true });

  Math.random = () => nextRandom();
}

function withZone(options) {
  const copy = ObjectAssign({}, options === undefined || options === null ? {} : options);
  if (copy.timeZone === undefined) copy.timeZone = clock.timeZone;
  return copy;
}

/** Seeds the generator behind `Math.random` and the `crypto` random functions (sfc-style). */
function seedRandom(seed) {
  random.a = seed >>> 0 || 0x9e3779b9;
  random.b = (seed ^ 0x5bd1e995) >>> 0 || 0x85ebca6b;
}

function nextUint32() {
  random.a = (random.a + 0x6d2b79f5) | 0;
  let t = MathImul(random.a ^ (random.a >>> 15), 1 | random.a);
  t = (t + MathImul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (t ^ (t >>> 14)) >>> 0;
}

function nextRandom() {
  return nextUint32() / 4294967296;
}

/** FNV-1a of a string: the default seed is a hash of the fixture's name. */
function hashString(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= StringCharCodeAt(text, i);
    h = MathImul(h, 0x01000193);
  }
  return h >>> 0;
}
