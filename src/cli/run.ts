// The frame every scripts/* entry point shares: argument parsing (unknown flags are bad input),
// --inventory and --json, one JSON document on stdout, progress on stderr, the exit-code contract.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError, exitCodeOf } from '../core/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export const commonOptions = {
  inventory: { type: 'string', default: 'inventory.yaml' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

export interface CliContext<V> {
  values: V;
  positionals: string[];
  /** progress for people: always stderr, so --json keeps stdout clean */
  log: (line: string) => void;
}

export interface CommonValues {
  inventory: string;
  json: boolean;
  help: boolean;
}

type Parsed<O extends Options> = {
  values: ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values'] & CommonValues;
  positionals: string[];
};

export function parseCli<O extends Options>(argv: string[], options: O, allowPositionals = false): Parsed<O> {
  try {
    const config = { args: argv, options: { ...commonOptions, ...options }, allowPositionals, strict: true } as const;
    return parseArgs(config) as unknown as Parsed<O>;
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}

/**
 * Runs `main` and turns its result into output: with --json the returned object is printed as
 * the only thing on stdout, otherwise `human(result)` is. Errors print their message on stderr
 * and exit with their code (2 bad input, 1 failed).
 */
export async function runCli<O extends Options, R>(spec: {
  usage: string;
  options: O;
  allowPositionals?: boolean;
  main: (ctx: CliContext<Parsed<O>['values']>) => Promise<R>;
  human: (result: R) => string;
  /** exit code for a result that reports failure without throwing (e.g. ok: false) */
  exitCode?: (result: R, values: Parsed<O>['values']) => number;
}): Promise<never> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let code = 0;
  try {
    const { values, positionals } = parseCli(process.argv.slice(2), spec.options, spec.allowPositionals);
    if (values.help) {
      process.stdout.write(`${spec.usage}\n`);
      process.exit(0);
    }
    const result = await spec.main({ values, positionals, log });
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${spec.human(result)}\n`);
    code = spec.exitCode?.(result, values) ?? 0;
  } catch (err) {
    code = exitCodeOf(err);
    log(`error: ${(err as Error).message}`);
    if (code === 2) log(spec.usage);
    else if (process.env.DEBUG && (err as Error).stack) log((err as Error).stack!);
  }
  // Flush stdout before exiting: a piped JSON document must arrive whole.
  await new Promise<void>((done) => process.stdout.write('', () => done()));
  process.exit(code);
}
