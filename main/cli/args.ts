import { usageError } from './command.ts';
import { closest } from './suggest.ts';

export interface StringFlag {
  readonly type: 'string';
  /** Shown in help and in errors, e.g. `T` for `--trigger T`. */
  readonly value: string;
  /** When set, any other value is a usage error. */
  readonly choices?: readonly string[];
}
export interface BooleanFlag {
  readonly type: 'boolean';
}
export type FlagSpec = StringFlag | BooleanFlag;
export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export type ParsedFlags<S extends FlagSpecs> = {
  [K in keyof S]: S[K] extends BooleanFlag ? boolean : string | undefined;
};

export interface ParsedArgs<S extends FlagSpecs> {
  flags: ParsedFlags<S>;
  positionals: string[];
  /** `--help` or `-h` was given: the caller prints help and ignores everything else. */
  help: boolean;
}

/**
 * Parses `--flag value`, `--flag=value`, boolean `--flag`, `-h`/`--help` and `--` (everything
 * after it is positional). Anything unknown or malformed is a usage error naming the flag, so a
 * typo never silently changes what runs.
 */
export function parseArgs<S extends FlagSpecs>(args: readonly string[], specs: S): ParsedArgs<S> {
  const flags: Record<string, string | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) flags[name] = spec.type === 'boolean' ? false : undefined;
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) throw usageError(`unknown flag ${arg}${hint(arg, specs)}`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = specs[name];
    if (spec === undefined) throw usageError(`unknown flag --${name}${hint(`--${name}`, specs)}`);
    if (spec.type === 'boolean') {
      if (eq !== -1) throw usageError(`--${name} takes no value (got "${arg.slice(eq + 1)}")`);
      flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      const next = args[i + 1];
      if (next !== undefined && !(next.startsWith('--') && next.length > 2)) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === '')
      throw usageError(`--${name} needs a value: --${name} ${spec.value}`);
    if (flags[name] !== undefined) throw usageError(`--${name} was given twice`);
    if (spec.choices !== undefined && !spec.choices.includes(value)) {
      throw usageError(`--${name} must be one of ${spec.choices.join(', ')} (got "${value}")`);
    }
    flags[name] = value;
  }
  return { flags: flags as ParsedFlags<S>, positionals, help };
}

function hint(flag: string, specs: FlagSpecs): string {
  const match = closest(
    flag,
    Object.keys(specs).map((name) => `--${name}`),
  );
  return match === undefined ? '' : ` (did you mean ${match}?)`;
}

/** Fails unless the flag was given; the message shows how to give it. */
export function requireFlag(value: string | undefined, name: string, placeholder: string): string {
  if (value === undefined) throw usageError(`missing --${name} ${placeholder}`);
  return value;
}

/** Checks the number of positional arguments, naming what is missing or extra. */
export function expectPositionals(
  positionals: readonly string[],
  min: number,
  max: number,
  what: string,
): void {
  if (positionals.length < min) throw usageError(`missing ${what}`);
  if (positionals.length > max) {
    throw usageError(`unexpected argument "${positionals[max]}"`);
  }
}
