/**
 * Serves the deal panel preview on 127.0.0.1 exactly as the extension host will: the real
 * dist/webview.js and dist/webview.css, codicons, a fresh nonce per page and the host's CSP.
 * The fake host (fake-host.ts) is bundled to out/webview-dev/. Not shipped.
 *
 *   npm run build && npx tsx webview-ui/dev/preview-server.mts [port]
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');
const DEV_OUT = join(ROOT, 'out/webview-dev');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json', '.html': 'text/html',
};

// VS Code's own defaults for every webview (its index.html injects these before the extension's HTML).
const VSCODE_DEFAULT_STYLES = `
html { background: var(--vscode-editor-background); scrollbar-color: var(--vscode-scrollbarSlider-background) var(--vscode-editor-background); }
body { overscroll-behavior-x: none; background-color: transparent; color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family);
  font-weight: var(--vscode-font-weight); font-size: var(--vscode-font-size); margin: 0; padding: 0 20px; }
img, video { max-width: 100%; max-height: 100%; }
a, a code { color: var(--vscode-textLink-foreground); }
a:focus, input:focus, select:focus, textarea:focus { outline: 1px solid -webkit-focus-ring-color; outline-offset: -1px; }
blockquote { background: var(--vscode-textBlockQuote-background); border-color: var(--vscode-textBlockQuote-border); }`;

export function previewHtml(origin: string, nonce: string): string {
  const csp = `default-src 'none'; img-src ${origin} https: data:; style-src ${origin} 'unsafe-inline'; font-src ${origin}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style id="_defaultStyles">${VSCODE_DEFAULT_STYLES}</style>
<link rel="stylesheet" href="${origin}/dist/webview.css">
<link id="vscode-codicon-stylesheet" rel="stylesheet" href="${origin}/dist/codicons/codicon.css">
<title>Deal</title>
</head>
<body>
<crm-deal-panel></crm-deal-panel>
<script type="module" nonce="${nonce}" src="${origin}/dev/fake-host.js"></script>
<script type="module" nonce="${nonce}" src="${origin}/dist/webview.js"></script>
</body>
</html>`;
}

export async function buildFakeHost(): Promise<void> {
  await esbuild.build({
    entryPoints: [join(ROOT, 'webview-ui/dev/fake-host.ts')],
    outfile: join(DEV_OUT, 'fake-host.js'),
    bundle: true, format: 'esm', platform: 'browser', target: 'chrome120', sourcemap: 'linked', logLevel: 'warning',
  });
}

function fileFor(path: string): string | undefined {
  if (path.startsWith('/dist/')) {
    const file = normalize(join(ROOT, path));
    return file.startsWith(join(ROOT, 'dist')) ? file : undefined;
  }
  if (path.startsWith('/dev/')) {
    const file = normalize(join(DEV_OUT, path.slice('/dev/'.length)));
    return file.startsWith(DEV_OUT) ? file : undefined;
  }
  return undefined;
}

export async function startPreviewServer(port = 0): Promise<{ server: Server; origin: string }> {
  if (!existsSync(join(ROOT, 'dist/webview.js'))) throw new Error('dist/webview.js is missing: run `npm run build` first');
  await buildFakeHost();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const address = server.address();
    const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
    if (url.pathname === '/' || url.pathname === '/preview') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(previewHtml(origin, randomBytes(16).toString('base64')));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = fileFor(url.pathname);
    if (!file || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return { server, origin };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'preview-server.mts')) {
  const { origin } = await startPreviewServer(Number(process.argv[2] ?? 5178));
  console.log(`Deal panel preview: ${origin}/?controls  (themes: ?theme=dark|light|hc; ?readonly, ?locked, ?nousers, ?failLoad)`);
}
