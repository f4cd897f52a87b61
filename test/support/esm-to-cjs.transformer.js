// NestJS 12 and some of its dependencies ship as ES modules. Node 20 loads them
// from our CommonJS build through require(esm), but Jest's module runtime cannot
// before Node 24.9. This transformer compiles ES-module files from node_modules
// to CommonJS with SWC and leaves every CommonJS file exactly as it is.
const { createTransformer } = require('@swc/jest');
const { readFileSync, existsSync } = require('node:fs');
const { dirname, join } = require('node:path');

const swc = createTransformer({
  jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022', keepClassNames: true },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

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
  ...swc,
  process(source, filename, options) {
    return isEsModule(filename) ? swc.process(source, filename, options) : { code: source };
  },
  getCacheKey(source, filename, options) {
    return `${isEsModule(filename) ? 'esm' : 'cjs'}:${swc.getCacheKey(source, filename, options)}`;
  },
};
