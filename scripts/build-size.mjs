// Reports what the production bundles weigh (minified and gzipped) and what fills them, from
// esbuild's metafile, without touching dist/. For the size measure of `npm run bench`, and for
// finding what to cut.
//
//   node scripts/build-size.mjs            table, with the largest contributors of each bundle
//   node scripts/build-size.mjs --json     the same as JSON: [{ bundle, bytes, gzipBytes, contributors }]
//   node scripts/build-size.mjs --top 30   more contributors per bundle
import * as esbuild from 'esbuild';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from './build-bundles.mjs';

/** Minified and gzipped size of each production output, with its inputs grouped by package or folder. */
export async function measureBundles({ top = 12 } = {}) {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const previous = process.cwd();
  process.chdir(root);
  try {
    const sizes = [];
    for (const options of bundleOptions({ production: true })) {
      const result = await esbuild.build({ ...options, write: false, logLevel: 'silent' });
      for (const file of result.outputFiles) {
        const bundle = path.relative(root, file.path);
        const output = result.metafile.outputs[bundle];
        sizes.push({
          bundle,
          bytes: file.contents.length,
          gzipBytes: gzipSync(file.contents, { level: 9 }).length,
          contributors: output ? contributors(output.inputs).slice(0, top) : [],
        });
      }
    }
    return sizes;
  } finally {
    process.chdir(previous);
  }
}

/** node_modules/zod/v4/core/x.js → zod/v4/core, src/providers/close/x.ts → src/providers/close. */
function contributors(inputs) {
  const groups = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
    const file = input.replace(/^[\w-]+:/, '');
    const inPackage = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
    const key = inPackage
      ? [inPackage[1], ...inPackage[2].split('/').slice(0, -1).slice(0, 2)].join('/')
      : path.dirname(path.relative(process.cwd(), file)).split(path.sep).slice(0, 2).join('/');
    groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
  }
  return [...groups].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const topAt = process.argv.indexOf('--top');
  const sizes = await measureBundles({ top: topAt > 0 ? Number(process.argv[topAt + 1]) : 12 });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(sizes, null, 2));
  } else {
    for (const size of sizes) {
      console.log(`${size.bundle.padEnd(22)} ${kb(size.bytes).padStart(10)} minified ${kb(size.gzipBytes).padStart(10)} gzipped`);
      for (const part of size.contributors) console.log(`    ${kb(part.bytes).padStart(10)}  ${part.name}`);
    }
  }
}
