// Bundles the extension host code (Node, CommonJS, `vscode` external) and the webview UIs (browser).
// `node esbuild.mjs` builds once; `--watch` rebuilds on change; `--production` minifies without
// sourcemaps. The bundles are listed in scripts/build-bundles.mjs; `node scripts/build-size.mjs`
// reports their production sizes and what fills them.
import * as esbuild from 'esbuild';
import { readdir, rm } from 'node:fs/promises';
import { bundleOptions } from './scripts/build-bundles.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const builds = bundleOptions({ production });

// A production build leaves no sourcemap of an earlier development build beside its bundles.
if (production) {
  const stale = (await readdir('dist').catch(() => [])).filter((file) => file.endsWith('.map'));
  await Promise.all(stale.map((file) => rm(`dist/${file}`)));
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
