import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/** The placeholder Vite's html.cspNonce puts on the page (apps/console/vite.config.ts). */
export const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface ConsoleAsset {
  body: Buffer;
  contentType: string;
}

export interface ConsoleBuild {
  page: string;
  assets: Map<string, ConsoleAsset>;
}

/**
 * Where `npm run build` writes the console: dist/console. The compiled service
 * (dist/apps/api/src/console) finds it four folders up; run from the sources (tests,
 * `nest start` alike) it is the repository's dist/console.
 */
export function consoleBuildDir(here = __dirname): string {
  const up = join(here, '..', '..', '..', '..');
  const beside = join(up, 'console');
  return existsSync(join(beside, 'index.html')) ? beside : join(up, 'dist', 'console');
}

/** The page and its assets, read once: a few MB, served from memory with their hashed names. */
export function readConsoleBuild(dir = consoleBuildDir()): ConsoleBuild | undefined {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return undefined;
  const assets = new Map<string, ConsoleAsset>();
  const assetDir = join(dir, 'assets');
  for (const name of existsSync(assetDir) ? readdirSync(assetDir) : []) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType) assets.set(name, { body: readFileSync(join(assetDir, name)), contentType });
  }
  return { page: readFileSync(index, 'utf8'), assets };
}

/**
 * Scripts only from here (no inline script at all); styles from here and the page's nonce,
 * which antd's CSS-in-JS puts on the <style> tags it injects; requests to this origin only.
 */
export function consoleContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
