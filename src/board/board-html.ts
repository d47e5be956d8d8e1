import { randomBytes } from 'node:crypto';

export interface BoardResources {
  cspSource: string;
  script: string;
  style: string;
  codicons: string;
  title: string;
}

/**
 * The board's HTML shell, on the deal panel's pattern: a fresh nonce per render, a CSP that
 * allows only the extension's own bundle, styles and fonts; every deal arrives later as data.
 */
export function boardHtml(resources: BoardResources): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `img-src ${resources.cspSource} data:`,
    `style-src ${resources.cspSource} 'unsafe-inline'`,
    `font-src ${resources.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${resources.style}">
<link id="vscode-codicon-stylesheet" rel="stylesheet" href="${resources.codicons}">
<title>${escapeHtml(resources.title)}</title>
</head>
<body>
<crm-board></crm-board>
<script type="module" nonce="${nonce}" src="${resources.script}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
