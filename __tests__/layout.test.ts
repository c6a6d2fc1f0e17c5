import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT } from './support';

// The source layout: the app uses the library, the command (cli/) uses the library's model,
// the library uses the generated imports, never the other way round, and nothing imports
// itself back through a cycle.

const LAYERS = ['main.ts', 'app', 'cli', 'lib', 'imports'];
const LIB = LAYERS.indexOf('lib');

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (fs.statSync(full).isFile()) {
    return [full];
  }
  return fs
    .readdirSync(full, { recursive: true, encoding: 'utf-8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(full, f));
}

/** Every relative import of `file` (type-only ones included), resolved to a file. */
function localImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf-8'), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => {
      const base = path.resolve(path.dirname(file), name);
      return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f)) ?? base;
    });
}

const layerOf = (file: string) => LAYERS.findIndex((l) => path.relative(ROOT, file).split(path.sep)[0] === l);
const files = LAYERS.flatMap(sourceFiles);
const graph = new Map(files.map((f) => [f, localImports(f)]));
const rel = (f: string) => path.relative(ROOT, f);

test('imports flow one way: main.ts → app → cli → lib → imports', () => {
  const upward = [...graph].flatMap(([file, deps]) =>
    // schema-validation/ is the package's JavaScript, outside the layers.
    deps
      .filter((dep) => layerOf(dep) >= 0 && layerOf(dep) < layerOf(file))
      .map((dep) => `${rel(file)} imports ${rel(dep)}`),
  );
  expect(upward).toEqual([]);
});

test('the app uses the library only through its public entry point, like any consumer', () => {
  const lib = path.join(ROOT, 'lib', 'index.ts');
  const deep = [...graph]
    .filter(([file]) => layerOf(file) <= LAYERS.indexOf('app'))
    .flatMap(([file, deps]) =>
      deps.filter((d) => layerOf(d) === LIB && d !== lib).map((d) => `${rel(file)} → ${rel(d)}`),
    );
  expect(deep).toEqual([]);
});

test('there is no import cycle', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'visiting') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' → '));
      return;
    }
    if (state.get(file) === 'done') {
      return;
    }
    state.set(file, 'visiting');
    for (const dep of graph.get(file) ?? []) {
      visit(dep, [...trail, file]);
    }
    state.set(file, 'done');
  };
  files.forEach((f) => visit(f, []));
  expect(cycles).toEqual([]);
});

// synth(app) writes an app's manifests into the app's outdir, as cdk8s's App.synth() does; it
// reads no file, argument or setting.
const WRITES_MANIFESTS: Record<string, readonly string[]> = { 'lib/synth.ts': ['fs', 'path'] };

test('the library holds no argv, file or environment handling: that is the app', () => {
  const io = sourceFiles('lib').flatMap((file) => {
    const text = fs.readFileSync(file, 'utf-8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const modules = importedFiles
      .map((i) => i.fileName)
      .filter((m) => /^(node:)?(fs|path|child_process)$/.test(m))
      .filter((m) => !(WRITES_MANIFESTS[rel(file)] ?? []).includes(m));
    const globals = ['process.argv', 'process.env', 'process.cwd'].filter((g) => text.includes(g));
    return [...modules, ...globals].map((what) => `${rel(file)}: ${what}`);
  });
  expect(io).toEqual([]);
});
