// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 3: log line formatting and the per-stage log cap.

const LOG_MAX_LINES = 1000;
const LOG_MAX_CHARS = 64 * 1024;
const LOG_VALUE_MAX_CHARS = 8 * 1024;

/** Formats `console.log` arguments roughly as Node does: strings raw, other values as JSON. */
function formatArgs(args) {
  let line = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0) line += ' ';
    line += formatValue(args[i]);
  }
  return line;
}

function formatValue(value) {
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return '[Function]';
  if (typeof value !== 'object' || value === null) return safeString(value);
  if (value instanceof ErrorCtor) {
    const stack = ownData(value, 'stack');
    if (typeof stack === 'string') return stack;
    return `Error: ${errorMessage(value)}`;
  }
  const result = serialize(value, 'the logged value', LOG_VALUE_MAX_CHARS);
  return result.error === undefined ? result.json : `[${result.error}]`;
}

/** Appends one line to a stage's log, respecting the caps; extra lines are only counted. */
function pushLog(stage, level, args) {
  let line;
  try {
    line = formatArgs(args);
  } catch (error) {
    line = `[a log value could not be printed: ${errorMessage(error)}]`;
  }
  if (level !== 'log' && level !== 'info') line = `[${level}] ${line}`;
  if (line.length > LOG_VALUE_MAX_CHARS) {
    line = `${StringSlice(line, 0, LOG_VALUE_MAX_CHARS)}… (${line.length - LOG_VALUE_MAX_CHARS} characters cut)`;
  }
  if (stage.logLines >= LOG_MAX_LINES || stage.logChars + line.length > LOG_MAX_CHARS) {
    stage.logsDropped += 1;
    return;
  }
  stage.logLines += 1;
  stage.logChars += line.length;
  append(stage.logs, line);
}

function closeLog(stage) {
  if (stage.logsDropped > 0) {
    append(
      stage.logs,
      `… ${stage.logsDropped} lines dropped (logs are capped at ${LOG_MAX_LINES} lines or ${LOG_MAX_CHARS / 1024} KB per stage)`,
    );
  }
}

/** The stage running now, or null between stages (late calls from a finished stage are dropped). */
function currentStage() {
  return run === null || run.cur === null || run.cur.closed ? null : run.cur;
}

/** The `console` object: built once in the snapshot, it writes to the stage running now. */
function levelLogger(level) {
  return (...args) => {
    const stage = currentStage();
    if (stage !== null) pushLog(stage, level, args);
  };
}

function makeConsole() {
  const make = levelLogger;
  return ObjectFreeze({
    log: make('log'),
    info: make('info'),
    warn: make('warn'),
    error: make('error'),
    debug: make('debug'),
    trace: make('trace'),
  });
}
