// The workbench URL with the `payload` that makes VS Code load an extension under development
// (and run its tests), exactly as desktop's --extensionDevelopmentPath / --extensionTestsPath.

export interface PayloadPaths {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

export function workbenchUrl(port: number, folder: string, paths: PayloadPaths = {}): string {
  const authority = `127.0.0.1:${port}`;
  const payload: [string, string][] = [];
  if (paths.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${paths.extensionDevelopmentPath}`]);
  }
  if (paths.extensionTestsPath) {
    payload.push(['extensionTestsPath', `vscode-remote://${authority}${paths.extensionTestsPath}`]);
  }
  const query = new URLSearchParams({ folder });
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `http://${authority}/?${query.toString()}`;
}
