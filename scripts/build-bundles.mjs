// What esbuild.mjs builds, shared with scripts/build-size.mjs so the size report measures exactly
// the production bundles.
import { existsSync } from 'node:fs';
import { minifyLitCss, zodEnglishOnly, zodNamespaceImports, zodWithoutJsonSchema, zodWithoutUnusedMethods } from './build-plugins.mjs';

/** @returns {import('esbuild').BuildOptions[]} */
export function bundleOptions({ production }) {
  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'info',
    legalComments: 'none',
    metafile: true,
    // The zod plugins change what is bundled, so they run in every build: development builds,
    // which the UI tests use, then behave exactly like the shipped ones.
    plugins: [zodNamespaceImports, zodEnglishOnly, zodWithoutJsonSchema, zodWithoutUnusedMethods],
  };
  const webview = {
    ...common,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    plugins: [...common.plugins, minifyLitCss],
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
    },
  ];

  // The deal panel: dist/webview.js and, from the CSS main.ts imports, dist/webview.css; copies the
  // codicon font that <vscode-icon> needs to dist/codicons/ (the host links codicon.css with
  // id="vscode-codicon-stylesheet").
  if (existsSync('webview-ui/main.ts')) {
    builds.push({
      ...webview,
      entryPoints: ['webview-ui/main.ts'],
      outfile: 'dist/webview.js',
      plugins: [...webview.plugins, copyCodicons],
    });
  }

  // The pipeline board's UI (webview-ui/board/): dist/board.js and dist/board.css.
  if (existsSync('webview-ui/board/main.ts')) {
    builds.push({ ...webview, entryPoints: ['webview-ui/board/main.ts'], outfile: 'dist/board.js' });
  }
  return builds;
}

const copyCodicons = {
  name: 'copy-codicons',
  setup(build) {
    build.onEnd(async () => {
      if (build.initialOptions.write === false) return;
      const { copyFile, mkdir } = await import('node:fs/promises');
      await mkdir('dist/codicons', { recursive: true });
      for (const file of ['codicon.css', 'codicon.ttf']) {
        await copyFile(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
      }
    });
  },
};
