// Where a workbench's logs are, and their tails for error messages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tail, type CodeServerProcess } from './code-server-process.js';
import { extensionId } from './paths.js';

export interface ExtensionHostLogs {
  /** The extension host's own log (activation, errors of every extension). */
  exthostLog: string;
  /** logs/<session>/exthost1/crm-pipelines.crm-pipelines/, once our extension created a log channel. */
  extensionLogDir: string | undefined;
}

export function findExtensionHostLogs(userDataDir: string): ExtensionHostLogs | undefined {
  const logsDir = join(userDataDir, 'logs');
  if (!existsSync(logsDir)) return undefined;
  // Session folders are timestamps: the newest first.
  for (const session of readdirSync(logsDir).sort().reverse()) {
    const exthostDir = join(logsDir, session, 'exthost1');
    if (!existsSync(exthostDir)) continue;
    // The server's extension host logs to remoteexthost.log; desktop's to exthost.log.
    const exthostLog = ['remoteexthost.log', 'exthost.log'].map((name) => join(exthostDir, name)).find(existsSync);
    const extensionLogDir = join(exthostDir, extensionId);
    return {
      exthostLog: exthostLog ?? join(exthostDir, 'remoteexthost.log'),
      extensionLogDir: existsSync(extensionLogDir) ? extensionLogDir : undefined,
    };
  }
  return undefined;
}

/** The last lines of code-server's output and of the extension host's log. */
export function describeLogs(codeServer: CodeServerProcess, userDataDir: string, lines: number): string {
  let text = `--- last ${lines} lines of code-server's output (${codeServer.logFile}) ---\n${tail(codeServer.output(), lines)}`;
  const exthostLog = findExtensionHostLogs(userDataDir)?.exthostLog;
  if (exthostLog && existsSync(exthostLog)) {
    text += `\n--- last ${lines} lines of ${exthostLog} ---\n${tail(readFileSync(exthostLog, 'utf8'), lines)}`;
  }
  return text;
}
