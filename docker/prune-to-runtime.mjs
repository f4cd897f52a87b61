#!/usr/bin/env node
// Removes from node_modules every package the service cannot require at run time.
//
// `npm ci --omit=dev` keeps a dev dependency that a production package lists as an optional
// peer: @prisma/client names `prisma` and `typescript`, so the Prisma CLI, its engines, its
// Studio and TypeScript (the lockfile marks them `devOptional`) would ship in the image. An
// optional peer is only used when the application itself depends on it, so the packages to keep
// are those reached from package.json's `dependencies` and `optionalDependencies` through each
// package's `dependencies`, `optionalDependencies` and required `peerDependencies`, resolved as
// Node resolves them (the nearest node_modules folder upwards), read from package-lock.json.
//
// Usage: node prune-to-runtime.mjs [--dry-run]   (in the folder holding package-lock.json)
//   --dry-run  touch nothing; print {"keep": [...], "remove": [...]} (lockfile paths) as JSON
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const lockPackages = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;

/** The lockfile path `name` resolves to from the package at `fromPath` ('' is the project). */
function resolveFrom(fromPath, name) {
  for (let base = fromPath; ; ) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (candidate in lockPackages) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

function runtimeEdges(path, entry) {
  const names = [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
  ];
  if (path !== '') {
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    for (const peer of Object.keys(entry.peerDependencies ?? {})) {
      if (!optionalPeers[peer]?.optional) names.push(peer);
    }
  }
  return names;
}

const keep = new Set(['']);
for (const queue = ['']; queue.length > 0; ) {
  const path = queue.pop();
  for (const name of runtimeEdges(path, lockPackages[path])) {
    const target = resolveFrom(path, name);
    // Unresolved: an optional dependency for another platform, absent from the lockfile's tree.
    if (target !== undefined && !keep.has(target)) {
      keep.add(target);
      queue.push(target);
    }
  }
}
const remove = Object.keys(lockPackages).filter((path) => path !== '' && !keep.has(path));

if (process.argv.includes('--dry-run')) {
  process.stdout.write(`${JSON.stringify({ keep: [...keep].filter(Boolean), remove })}\n`);
} else {
  let removed = 0;
  for (const path of remove) {
    if (!existsSync(path)) continue;
    rmSync(path, { recursive: true, force: true });
    removed += 1;
  }
  removeDanglingBinLinks('node_modules/.bin');
  // npm's hidden lockfile would still list what is gone.
  rmSync('node_modules/.package-lock.json', { force: true });
  console.log(`prune-to-runtime: kept ${keep.size - 1} packages, removed ${removed} installed ones`);
}

function removeDanglingBinLinks(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const link = join(dir, name);
    if (!lstatSync(link).isSymbolicLink()) continue;
    try {
      statSync(link);
    } catch {
      rmSync(link, { force: true });
    }
  }
}
