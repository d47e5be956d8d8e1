// esbuild plugins that keep the production bundles small without changing what the code does.
// Each one names the package layout it relies on; scripts/build-size.mjs shows their effect.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** zod's v4 folder; the plugins below rely on its layout and fail the build if it moves. */
function zodV4Dir(...parts) {
  const file = path.join(path.dirname(require.resolve('zod/package.json')), 'v4', ...parts);
  if (!existsSync(file)) throw new Error(`zod's layout changed: ${file} is missing; update scripts/build-plugins.mjs`);
  return file;
}

/**
 * `import { z } from 'zod'` binds zod's whole namespace object, so esbuild keeps every export:
 * 64 locales, JSON Schema conversion, the JIT compiler (~350 KB minified). The same import written
 * `import * as z from 'zod'` lets esbuild keep only the members the code reads. Rewrites the former
 * to the latter in the project's own sources (never in node_modules); types are unchanged.
 */
export const zodNamespaceImports = {
  name: 'zod-namespace-imports',
  setup(build) {
    const namedZ = /import\s*\{\s*z\s*\}\s*from\s*(['"])(zod(?:\/v4)?)\1/g;
    build.onLoad({ filter: /\.m?ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!namedZ.test(source)) return undefined;
      namedZ.lastIndex = 0;
      return { contents: source.replace(namedZ, 'import * as z from $1$2$1'), loader: 'ts' };
    });
  },
};

/**
 * zod's `locales` export re-exports every language; the extension speaks English only, and zod's
 * default error map is English (registered by zod itself on first schema). Whatever import style
 * reaches `zod/v4/locales/index.js`, it resolves to English alone.
 */
export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    const localesDir = path.dirname(zodV4Dir('locales', 'en.js'));
    zodV4Dir('locales', 'index.js');
    build.onResolve({ filter: /(^|\/)locales\/index\.js$/ }, (args) => {
      if (!args.importer.includes(`${path.sep}zod${path.sep}`)) return undefined;
      if (path.resolve(args.resolveDir, args.path) !== path.join(localesDir, 'index.js')) return undefined;
      return { path: 'zod-locales-en', namespace: 'zod-english-only' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(localesDir, 'en.js'))};`,
      loader: 'js',
      resolveDir: localesDir,
    }));
  },
};

/**
 * Every zod schema carries JSON Schema conversion (toJSONSchema and the Standard Schema
 * `jsonSchema` methods, ~17 KB minified) that the extension never calls. Its two modules become
 * stubs that throw if called; `aggregateChecks`, which backs getters such as `minLength`, stays real.
 * The stubs are generated from the real modules' export lists, so a new zod export cannot go missing.
 */
export const zodWithoutJsonSchema = {
  name: 'zod-without-json-schema',
  setup(build) {
    const coreDir = zodV4Dir('core');
    const stubbed = new Set(['to-json-schema.js', 'json-schema-processors.js'].map((file) => zodV4Dir('core', file)));
    const keep = new Set(['aggregateChecks']);
    build.onResolve({ filter: /(^|\/)(to-json-schema|json-schema-processors)\.js$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      if (!stubbed.has(target)) return undefined;
      if (args.pluginData === 'kept') return { path: target, namespace: 'zod-json-schema-kept' };
      return { path: target, namespace: 'zod-without-json-schema' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-without-json-schema' }, async (args) => {
      const names = exportedNames(await readFile(args.path, 'utf8'));
      const lines = [
        'const unbundled = () => { throw new Error("zod JSON Schema conversion is not bundled in this extension"); };',
      ];
      for (const name of names) {
        if (keep.has(name)) lines.push(`export { ${name} } from ${JSON.stringify(args.path)};`);
        else if (/^create\w*Method$/.test(name)) lines.push(`export const ${name} = () => unbundled;`);
        else lines.push(`export const ${name} = unbundled;`);
      }
      return { contents: lines.join('\n'), loader: 'js', resolveDir: coreDir, pluginData: 'kept' };
    });
    // The kept exports come from the real module, loaded under its own namespace so its own
    // imports of the JSON Schema helpers still reach the stubs.
    build.onLoad({ filter: /.*/, namespace: 'zod-json-schema-kept' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * zod's classic schemas carry every method on their prototypes, and a method keeps what it
 * references: `z.string()` alone bundles all 30 string formats (.email(), .ipv6(), .jwt(), …, each
 * with its core validator and regex), `.and()` the intersection merger, `.partial()` the object
 * helpers. The methods below are never called by the extension; their bodies become a throw
 * naming the method, so what they reference drops out. The build fails if a bundled source of the
 * project or of zod's classic layer calls one (`.name(`, `z.name(` being zod's top-level function),
 * or if zod's layout no longer matches; then take the name out of this list.
 * zod's core never calls them: it is shared with zod/mini, whose schemas have no such methods.
 */
export const UNUSED_ZOD_METHODS = {
  ZodType: ['and', 'prefault', 'readonly', 'nonoptional', 'exactOptional', 'describe', 'meta', 'register'],
  ZodString: [
    'email', 'url', 'jwt', 'emoji', 'guid', 'uuid', 'uuidv4', 'uuidv6', 'uuidv7', 'nanoid', 'cuid', 'cuid2',
    'ulid', 'base64', 'base64url', 'xid', 'ksuid', 'ipv4', 'ipv6', 'cidrv4', 'cidrv6', 'e164',
    'datetime', 'date', 'time', 'duration',
  ],
  ZodObject: ['keyof', 'catchall', 'safeExtend', 'merge', 'partial', 'exactPartial', 'required'],
};

export const zodWithoutUnusedMethods = {
  name: 'zod-without-unused-methods',
  setup(build) {
    const schemasFile = zodV4Dir('classic', 'schemas.js');
    zodV4Dir('core', 'util.js');
    const classicDir = path.dirname(schemasFile);
    let stubbedSource;
    build.onLoad({ filter: /[\\/]classic[\\/]schemas\.js$/ }, async (args) => {
      if (args.path !== schemasFile) return undefined;
      stubbedSource = stubZodMethods(importUtilDirectly(await readFile(args.path, 'utf8')), UNUSED_ZOD_METHODS);
      return { contents: stubbedSource, loader: 'js' };
    });
    build.onEnd(async (result) => {
      if (!result.metafile) return undefined;
      const names = [...new Set(Object.values(UNUSED_ZOD_METHODS).flat())];
      const errors = [];
      for (const [input, { bytesInOutput }] of Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs))) {
        if (bytesInOutput === 0 || /^[\w-]+:/.test(input)) continue;
        const file = path.resolve(input);
        const inZod = path.dirname(file) === classicDir;
        if (!inZod && file.includes(`${path.sep}node_modules${path.sep}`)) continue;
        const source = file === schemasFile ? stubbedSource : await readFile(file, 'utf8');
        for (const name of callsOf(source, names)) {
          errors.push({
            text: `${input} calls .${name}(), which scripts/build-plugins.mjs stubs out of zod's schemas; remove '${name}' from UNUSED_ZOD_METHODS there`,
          });
        }
      }
      return { errors };
    });
  },
};

/**
 * classic/schemas.js reads zod's helpers through `import { util } from "../core/index.js"` (and
 * once `core.util.x`), a namespace re-exported as a value, so esbuild keeps all of core/util.js
 * (~14 KB minified). Importing the same module as `import * as util from "../core/util.js"` lets
 * it keep only the helpers read; core/index.js does `export * as util from "./util.js"`.
 */
export function importUtilDirectly(source) {
  const named = 'import { util } from "../core/index.js";';
  if (source.split(named).length !== 2) throw new Error(`zod's layout changed: classic/schemas.js no longer has '${named}'; update scripts/build-plugins.mjs`);
  return source.replace(named, 'import * as util from "../core/util.js";').replaceAll('core.util.', 'util.');
}

/** Replaces the listed methods of each classic schema with a throw; fails if one is not found. */
export function stubZodMethods(source, table) {
  let out = source;
  for (const [schema, methods] of Object.entries(table)) {
    const start = out.indexOf(`export const ${schema} = /*@__PURE__*/ core.$constructor("${schema}",`);
    const end = start < 0 ? -1 : out.indexOf('\nexport ', start + 1);
    if (end < 0) throw new Error(`zod's layout changed: ${schema} is not where scripts/build-plugins.mjs expects it`);
    let block = out.slice(start, end);
    for (const name of methods) {
      const method = new RegExp(`\\n    (?:async )?${name}(?:: (?:async )?function \\w*)?\\([^)]*\\) \\{\\n[\\s\\S]*?\\n    \\},\\n`);
      if (!method.test(block)) throw new Error(`zod's layout changed: ${schema}.${name}() is not where scripts/build-plugins.mjs expects it`);
      block = block.replace(method, `\n    ${name}() {\n        return unbundledMethod("${name}");\n    },\n`);
    }
    out = out.slice(0, start) + block + out.slice(end);
  }
  return `${out}\nfunction unbundledMethod(name) {\n    throw new Error("zod's ." + name + "() is not bundled in this extension");\n}\n`;
}

/** The listed method names a source calls as `.name(`, leaving out comments, quoted strings and zod's `z.name(`. */
export function callsOf(source, names) {
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
  const call = new RegExp(`\\.\\s*(${names.join('|')})\\s*\\(`, 'g');
  const found = new Set();
  for (const match of code.matchAll(call)) {
    if (!/(^|[^\w$.])z\s*$/.test(code.slice(Math.max(0, match.index - 40), match.index))) found.add(match[1]);
  }
  return [...found];
}

/** Names a plain ES module exports: `export const|function|class x` and `export { a, b as c }`. */
function exportedNames(source) {
  const names = new Set();
  for (const match of source.matchAll(/^export\s+(?:async\s+)?(?:const|let|var|function\*?|class)\s+([\w$]+)/gm)) {
    names.add(match[1]);
  }
  for (const match of source.matchAll(/^export\s*\{([^}]*)\}\s*;?\s*$/gm)) {
    for (const part of match[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.add(name);
    }
  }
  return [...names];
}

/**
 * VS Code Elements ship their styles as Lit `css` templates, indented and commented, which JS
 * minification leaves alone. Minifies each template's CSS with esbuild's CSS minifier. `${…}`
 * values become placeholders while minifying and are put back; a template whose placeholders do
 * not survive intact, or that holds escapes, is left as it was.
 */
export const minifyLitCss = {
  name: 'minify-lit-css',
  setup(build) {
    if (!build.initialOptions.minify) return;
    const template = /\bcss\s*`((?:[^`\\$]|\$(?!\{)|\$\{[^}`]*\})*)`/g;
    build.onLoad({ filter: /[\\/]@vscode-elements[\\/]elements[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!/\bcss\s*`/.test(source)) return undefined;
      const pieces = [];
      let last = 0;
      for (const match of source.matchAll(template)) {
        pieces.push(source.slice(last, match.index), `css\`${await minifyCssText(build.esbuild, match[1])}\``);
        last = match.index + match[0].length;
      }
      pieces.push(source.slice(last));
      return { contents: pieces.join(''), loader: 'js' };
    });
  },
};

async function minifyCssText(esbuild, text) {
  const values = [];
  const marked = text.replace(/\$\{[^}`]*\}/g, (value) => `__litcss${values.push(value) - 1}__`);
  if (marked.includes('\\')) return text;
  let code;
  try {
    ({ code } = await esbuild.transform(marked, { loader: 'css', minify: true, logLevel: 'silent' }));
  } catch {
    return text;
  }
  code = code.trim();
  for (const [index, value] of values.entries()) {
    const mark = `__litcss${index}__`;
    if (code.split(mark).length !== 2) return text;
    code = code.replace(mark, () => value);
  }
  return code.includes('`') ? text : code;
}
