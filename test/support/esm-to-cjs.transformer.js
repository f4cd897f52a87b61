// NestJS 12 and some of its dependencies ship as ES modules. Node 20 loads them
// from our CommonJS build through require(esm), but Jest's module runtime cannot.
// This transformer compiles ES-module files from node_modules to CommonJS with
// TypeScript's transpiler and leaves every CommonJS file exactly as it is.
const { createHash } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  allowJs: true,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};

const typeByDirectory = new Map();

function packageType(directory) {
  if (typeByDirectory.has(directory)) return typeByDirectory.get(directory);
  const manifest = join(directory, 'package.json');
  let type;
  if (existsSync(manifest)) {
    try {
      type = JSON.parse(readFileSync(manifest, 'utf8')).type ?? 'commonjs';
    } catch {
      type = 'commonjs';
    }
  } else {
    const parent = dirname(directory);
    type = parent === directory ? 'commonjs' : packageType(parent);
  }
  typeByDirectory.set(directory, type);
  return type;
}

const isEsModule = (filename) =>
  filename.endsWith('.mjs') ||
  (!filename.endsWith('.cjs') && packageType(dirname(filename)) === 'module');

module.exports = {
  process(source, filename) {
    // A CommonJS file that loads an ES module with `await import(...)` (@fastify/cookie loads
    // `cookie` so): Jest's runtime has no dynamic import without a Node flag, and the module,
    // compiled here, can be required instead.
    if (!isEsModule(filename)) {
      return { code: source.replace(/\bawait import\((['"][^'"]+['"])\)/g, 'require($1)') };
    }
    // CommonJS has no import.meta; its module-relative facts come from __filename,
    // and it already has the `require` that ES modules build with createRequire.
    const withoutImportMeta = source
      .replace(/^\s*(?:const|let|var)\s+require\s*=\s*[^;\n]*createRequire\([^;\n]*;?$/gm, '')
      .replace(/\bimport\.meta\.url\b/g, "require('node:url').pathToFileURL(__filename).href")
      .replace(/\bimport\.meta\.dirname\b/g, '__dirname')
      .replace(/\bimport\.meta\.filename\b/g, '__filename');
    const { outputText } = ts.transpileModule(withoutImportMeta, {
      compilerOptions,
      fileName: filename,
    });
    return { code: outputText };
  },
  getCacheKey(source, filename) {
    return createHash('sha1')
      .update(isEsModule(filename) ? 'esm:v3:' : 'cjs:v4:')
      .update(ts.version)
      .update(filename)
      .update(source)
      .digest('hex');
  },
};
