// Bundles the extension host code (Node, CommonJS, `vscode` external) and the webview UI (browser).
// `node esbuild.mjs` builds once; `--watch` rebuilds on change; `--production` minifies without sourcemaps.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    metafile: true,
  },
];

// The deal panel's UI arrives with the deal panel; until then there is nothing to bundle.
// Emits dist/webview.js and, from the CSS main.ts imports, dist/webview.css; copies the codicon
// font that <vscode-icon> needs to dist/codicons/ (the host links codicon.css with
// id="vscode-codicon-stylesheet").
if (existsSync('webview-ui/main.ts')) {
  const copyCodicons = {
    name: 'copy-codicons',
    setup(build) {
      build.onEnd(async () => {
        const { copyFile, mkdir } = await import('node:fs/promises');
        await mkdir('dist/codicons', { recursive: true });
        for (const file of ['codicon.css', 'codicon.ttf']) {
          await copyFile(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
        }
      });
    },
  };
  builds.push({
    ...common,
    entryPoints: ['webview-ui/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    plugins: [copyCodicons],
  });
}

// The pipeline board's UI (webview-ui/board/): dist/board.js and dist/board.css.
if (existsSync('webview-ui/board/main.ts')) {
  builds.push({
    ...common,
    entryPoints: ['webview-ui/board/main.ts'],
    outfile: 'dist/board.js',
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
  });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
