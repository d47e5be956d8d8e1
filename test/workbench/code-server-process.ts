// Starts code-server (VS Code 1.96.4's server + web workbench) as its own process group, keeps
// its output in a log file and in memory, and kills the whole group on close.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerEntry, isCodeServerProvisioned } from '../../scripts/provision-code-server.mjs';
import type { Profile } from './profile.js';

export interface CodeServerProcess {
  port: number;
  logFile: string;
  /** Resolves with the exit code (null when killed by a signal) when code-server's main process exits. */
  exited: Promise<number | null>;
  /** Everything code-server printed so far. */
  output(): string;
  /** Resolves when the output matches; rejects on timeout or when code-server exits. */
  waitForOutput(pattern: RegExp, timeoutMs: number, what: string): Promise<void>;
  killNow(): void;
  kill(): Promise<void>;
}

export function startCodeServer(profile: Profile, port: number, extraEnv: Record<string, string> = {}): CodeServerProcess {
  if (!isCodeServerProvisioned() || !existsSync(codeServerEntry)) {
    throw new Error('code-server is not installed: run `node scripts/provision-code-server.mjs` first.');
  }
  const logFile = join(profile.rootDir, 'code-server.log');
  const logStream = createWriteStream(logFile);
  let output = '';
  const outputListeners = new Set<() => void>();
  const child = spawn(process.execPath, [
    codeServerEntry,
    '--config', profile.codeServerConfigFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
    profile.workspaceDir,
  ], {
    // Its own process group, so close() can kill the server, its extension hosts and pty host at once.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...codeServerEnv(profile), ...extraEnv },
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code, signal) => {
    exitCode = code;
    append(`\n[workbench] code-server exited (${signal ?? `code ${code}`})\n`);
    resolveExit(code);
  }));
  const append = (text: string) => {
    output += text;
    logStream.write(text);
    for (const listener of outputListeners) listener();
  };
  child.stdout!.setEncoding('utf8').on('data', append);
  child.stderr!.setEncoding('utf8').on('data', append);

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  };

  return {
    port,
    logFile,
    exited,
    output: () => output,
    waitForOutput(pattern, timeoutMs, what) {
      return new Promise((resolveWait, reject) => {
        const check = () => {
          if (pattern.test(output)) finish();
          else if (exitCode !== undefined) finish(new Error(`code-server exited before ${what}.\n${tail(output)}`));
        };
        const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}.\n${tail(output)}`)), timeoutMs);
        const finish = (error?: Error) => {
          clearTimeout(timer);
          outputListeners.delete(check);
          if (error) reject(error);
          else resolveWait();
        };
        outputListeners.add(check);
        check();
        void exited.then(check);
      });
    },
    killNow: () => killGroup('SIGKILL'),
    async kill() {
      if (exitCode === undefined) {
        killGroup('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
      // Whatever is left of the group (an extension host that ignored SIGTERM) goes now.
      killGroup('SIGKILL');
      await new Promise<void>((r) => logStream.end(r));
    },
  };
}

const inheritedVariablesToDrop = new Set(['ELECTRON_RUN_AS_NODE', 'PORT', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN']);

function codeServerEnv(profile: Profile): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Variables of an enclosing VS Code (its terminal, its CLI hooks) would confuse this one, and
    // code-server lets $PORT and $CODE_SERVER_HOST override --bind-addr.
    if (key.startsWith('VSCODE_') || key.startsWith('CODE_SERVER_') || inheritedVariablesToDrop.has(key)) continue;
    env[key] = value;
  }
  env.XDG_CONFIG_HOME = join(profile.xdgDir, 'config');
  env.XDG_DATA_HOME = join(profile.xdgDir, 'data');
  env.XDG_CACHE_HOME = join(profile.xdgDir, 'cache');
  return env;
}

export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
