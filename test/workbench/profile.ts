// A fresh, throw-away VS Code profile for one workbench: user data, extensions, a workspace
// folder and code-server's own config/data dirs, all under one temp folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Settings = Record<string, unknown>;

/** What every test profile needs: no motion (stable screenshots), no telemetry, no welcome tabs. */
export const baseSettings: Settings = {
  'workbench.reduceMotion': 'on',
  'workbench.colorTheme': 'Default Light Modern',
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
};

export interface Profile {
  rootDir: string;
  userDataDir: string;
  extensionsDir: string;
  workspaceDir: string;
  /** code-server's config.yaml and XDG dirs, so nothing is written to the user's home. */
  codeServerConfigFile: string;
  xdgDir: string;
  remove(): void;
}

export function createProfile(settings: Settings = {}, workspaceFiles: Record<string, string> = {}): Profile {
  const rootDir = mkdtempSync(join(tmpdir(), 'crm-workbench-'));
  const profile: Profile = {
    rootDir,
    userDataDir: join(rootDir, 'user-data'),
    extensionsDir: join(rootDir, 'extensions'),
    workspaceDir: join(rootDir, 'workspace'),
    codeServerConfigFile: join(rootDir, 'code-server.yaml'),
    xdgDir: join(rootDir, 'xdg'),
    remove: () => {
      try {
        rmSync(rootDir, { recursive: true, force: true, maxRetries: 3 });
      } catch (error) {
        console.warn(`[workbench] could not remove ${rootDir}: ${error instanceof Error ? error.message : error}`);
      }
    },
  };
  for (const dir of [profile.extensionsDir, profile.workspaceDir, profile.xdgDir, join(profile.userDataDir, 'User')]) {
    mkdirSync(dir, { recursive: true });
  }
  // code-server does not pick up a settings.json rewritten while it runs: write it before start.
  writeFileSync(join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...baseSettings, ...settings }, null, 2) + '\n');
  // Without a config file code-server writes a default one, with a password, to ~/.config.
  writeFileSync(profile.codeServerConfigFile, 'auth: none\ncert: false\n');
  for (const [relativePath, content] of Object.entries(workspaceFiles)) {
    const filePath = join(profile.workspaceDir, relativePath);
    mkdirSync(join(filePath, '..'), { recursive: true });
    writeFileSync(filePath, content);
  }
  return profile;
}
