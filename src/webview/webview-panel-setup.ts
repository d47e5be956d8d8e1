import * as vscode from 'vscode';
import { webviewHtml } from './webview-html';

/** Scripts on, find widget on, and resources only from the extension's dist/ and media/. */
export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Loads a bundle built by esbuild.mjs (dist/<bundle>.js and .css) into the webview, with the codicon font. */
export function loadWebviewBundle(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  page: { bundle: string; element: string; title: string; extraImgSources?: string },
): void {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(dist, ...path)).toString();
  webview.html = webviewHtml({
    cspSource: webview.cspSource,
    script: uri(`${page.bundle}.js`),
    style: uri(`${page.bundle}.css`),
    codicons: uri('codicons', 'codicon.css'),
    title: page.title,
    element: page.element,
    extraImgSources: page.extraImgSources,
  });
}
