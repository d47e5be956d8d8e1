// startWorkbenchServer(): code-server on 127.0.0.1 with a fresh profile and our extension, without
// a browser (the demo serves this; startWorkbench adds Chromium on top).
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer, type CodeServerProcess } from './code-server-process.js';
import { findFreePort } from './free-port.js';
import { describeLogs, findExtensionHostLogs } from './logs.js';
import { extensionPath } from './paths.js';
import { closeOnExit } from './process-cleanup.js';
import { createProfile, type Profile, type Settings } from './profile.js';
import { workbenchUrl } from './workbench-url.js';

export interface WorkbenchServerOptions {
  /** User settings, merged over baseSettings and written before start. */
  settings?: Settings;
  /** Files to create in the opened workspace folder, by relative path. */
  workspaceFiles?: Record<string, string>;
  /**
   * How the extension gets loaded: 'development' (default) puts extensionDevelopmentPath in the
   * URL's payload, as desktop's --extensionDevelopmentPath does (needed for extensionTestsPath);
   * 'installed' symlinks the folder into the extensions dir, so the plain URL loads it.
   */
  extensionMode?: 'development' | 'installed' | 'none';
  /** The extension folder; extensionPath (the repo, or CRM_EXTENSION_PATH) by default. */
  extensionFolder?: string;
  /** Compiled test entry whose run() the extension host calls (integration tests). */
  extensionTestsPath?: string;
  /** Extra environment for code-server and so for its extension host. */
  env?: Record<string, string>;
  /** A fixed port; a free one by default. */
  port?: number;
  /** Keep the temp profile (logs, settings) after close, to look at a failure. Env WORKBENCH_KEEP=1 too. */
  keepProfile?: boolean;
  listenTimeoutMs?: number;
}

export interface WorkbenchServer {
  port: number;
  /** The URL that opens the workbench (with the payload in 'development' mode). */
  url: string;
  profile: Profile;
  codeServer: CodeServerProcess;
  /** Set when the extension is loaded as under development. */
  extensionDevelopmentPath: string | undefined;
  /** logs/<session>/exthost1/crm-pipelines.crm-pipelines/ once the extension created a log channel. */
  extensionLogDir(): string | undefined;
  /** The last lines of code-server's output and of the extension host's log, for error messages. */
  diagnostics(lines?: number): string;
  close(): Promise<void>;
}

export async function startWorkbenchServer(options: WorkbenchServerOptions = {}): Promise<WorkbenchServer> {
  const extensionMode = options.extensionMode ?? 'development';
  const extensionFolder = options.extensionFolder ?? extensionPath;
  const profile = createProfile(options.settings, options.workspaceFiles);
  if (extensionMode === 'installed') installBySymlink(extensionFolder, profile.extensionsDir);
  const port = options.port ?? (await findFreePort());
  const codeServer = startCodeServer(profile, port, options.env);
  const keepProfile = options.keepProfile ?? process.env.WORKBENCH_KEEP === '1';

  const removeProfile = () => {
    if (keepProfile) console.log(`[workbench] profile kept in ${profile.rootDir}`);
    else profile.remove();
  };
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= (async () => {
    await codeServer.kill();
    // Unregistered only now, so an exit during the kill still removes the profile.
    unregister();
    removeProfile();
  })());
  const unregister = closeOnExit({
    close,
    closeNow: () => {
      codeServer.killNow();
      removeProfile();
    },
  });
  const diagnostics = (lines = 40) => describeLogs(codeServer, profile.userDataDir, lines);

  try {
    await codeServer.waitForOutput(/HTTP server listening on/, options.listenTimeoutMs ?? 60_000, 'code-server to listen');
  } catch (error) {
    await close();
    throw error;
  }
  const extensionDevelopmentPath = extensionMode === 'development' ? extensionFolder : undefined;
  return {
    port,
    url: workbenchUrl(port, profile.workspaceDir, { extensionDevelopmentPath, extensionTestsPath: options.extensionTestsPath }),
    profile,
    codeServer,
    extensionDevelopmentPath,
    extensionLogDir: () => findExtensionHostLogs(profile.userDataDir)?.extensionLogDir,
    diagnostics,
    close,
  };
}

/**
 * VS Code 1.96 picks up an extension folder placed in the extensions dir before start (it adds it
 * to extensions.json while initialising the profile); a symlink keeps it the live build in dist/.
 */
function installBySymlink(extensionFolder: string, extensionsDir: string): void {
  const manifest = JSON.parse(readFileSync(join(extensionFolder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  mkdirSync(extensionsDir, { recursive: true });
  symlinkSync(extensionFolder, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
}
