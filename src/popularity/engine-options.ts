// Which `npm run popularity` options belong to which engine. An option given to the other engine
// is refused (exit 2) rather than silently ignored: `--detach` with the TypeScript job would
// otherwise run it in the foreground, `--group` with Spark would read as if it were honoured.
import { InputError } from '../core/errors.js';

export type Engine = 'ts' | 'spark';

const ONLY: Record<string, Engine> = {
  bootstrap: 'ts',
  group: 'ts',
  'checkpoint-dir': 'ts',
  'checkpoint-every': 'ts',
  'until-idle': 'ts',
  report: 'ts',
  'replication-factor': 'ts',
  'session-timeout-ms': 'ts',
  detach: 'spark',
  stop: 'spark',
};

const NAMES: Record<Engine, string> = { ts: 'the TypeScript job (--engine ts)', spark: 'the Spark job (--engine spark)' };

export function parseEngine(text: string): Engine {
  if (text !== 'ts' && text !== 'spark') throw new InputError(`--engine must be ts or spark, got "${text}"`);
  return text;
}

/** Throws when an option of the other engine was given (`values`: the parsed options, unset ones undefined or false). */
export function checkEngineOptions(engine: Engine, options: object): void {
  const values = options as Record<string, unknown>;
  const foreign = Object.keys(ONLY).filter((name) => ONLY[name] !== engine && values[name] !== undefined && values[name] !== false);
  if (foreign.length > 0) {
    const list = foreign.map((n) => `--${n}`).join(', ');
    throw new InputError(`${list} ${foreign.length > 1 ? 'apply' : 'applies'} only to ${NAMES[ONLY[foreign[0]!]!]}, not to ${NAMES[engine]}`);
  }
  if (values.detach === true && values.stop === true) throw new InputError('--detach and --stop exclude each other: --detach submits and leaves the job running, --stop stops it');
}
