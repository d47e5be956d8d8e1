import { randomBytes } from 'node:crypto';

export interface PanelResources {
  cspSource: string;
  script: string;
  style: string;
  codicons: string;
  title: string;
}

/**
 * The panel's HTML shell. A fresh nonce per render; the CSP allows only the extension's own
 * bundle, styles and fonts; everything the deal holds arrives later as data, never as markup.
 */
export function panelHtml(resources: PanelResources): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `img-src ${resources.cspSource} https: data:`,
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
<crm-deal-panel></crm-deal-panel>
<script type="module" nonce="${nonce}" src="${resources.script}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
