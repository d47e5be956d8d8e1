import { randomBytes } from 'node:crypto';

export interface WebviewResources {
  cspSource: string;
  script: string;
  style: string;
  codicons: string;
  title: string;
  /** The custom element the bundle defines and the page starts with, e.g. `crm-deal-panel`. */
  element: string;
  /** Where images may come from besides the extension: the deal panel shows https images of url fields. */
  extraImgSources?: string;
}

/**
 * The HTML shell of every webview (deal panel, board). A fresh nonce per render; the CSP allows only
 * the extension's own bundle, styles and fonts; everything a CRM holds arrives later as data, never
 * as markup.
 */
export function webviewHtml(resources: WebviewResources): string {
  const nonce = randomBytes(16).toString('base64');
  const imgSources = [resources.cspSource, resources.extraImgSources, 'data:'].filter(Boolean).join(' ');
  const csp = [
    "default-src 'none'",
    `img-src ${imgSources}`,
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
<${resources.element}></${resources.element}>
<script type="module" nonce="${nonce}" src="${resources.script}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
