'use strict';
// `node -r` hook: compiles .ts files with TypeScript itself, emitting decorator metadata, which
// tsx (esbuild) does not. @nestjs/swagger reads the DTOs' property types from that metadata, so
// an OpenAPI document built under tsx would differ from the one the service serves.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const ts = require('typescript');

const ROOT = join(__dirname, '..', '..');
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2023,
  emitDecoratorMetadata: true,
  experimentalDecorators: true,
  esModuleInterop: true,
  inlineSourceMap: true,
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@app\/([a-z-]+)(.*)$/.exec(request);
  const mapped = alias ? join(ROOT, 'libs', alias[1], 'src') + alias[2] : request;
  return resolveFilename.call(this, mapped, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const source = readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
