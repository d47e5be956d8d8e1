/** The command line of the fakes' serve.ts scripts: `--name value` options and running until killed. */

/** The value after `--name`, if given. */
export function cliOption(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** `--name` given on its own. */
export function cliFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

export function cliNumber(name: string): number | undefined {
  const text = cliOption(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number`);
  return value;
}

export function cliChoice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
  const text = cliOption(name);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  return text as T;
}

/**
 * Starts a fake, prints `describe(fake)` as one line, and closes it on SIGINT or SIGTERM. A bad
 * option or a failed start prints its message and exits 1.
 */
export function serveUntilKilled<T extends { close(): Promise<void> }>(start: () => Promise<T>, describe: (fake: T) => string): void {
  Promise.resolve().then(start).then(
    (fake) => {
      process.stdout.write(`${describe(fake)}\n`);
      const stop = (): void => {
        void fake.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

/** The line most fakes print: `{"url": "...", "apiKey": "..."}`. */
export const urlAndKey = (fake: { url: string; apiKey: string }): string => JSON.stringify({ url: fake.url, apiKey: fake.apiKey });
