import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT, tempDir } from './support';

// Every TypeScript example in the README is compiled as a consumer would compile it, with
// 'service-types' resolving to this library's public entry point, in strict mode.

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the README has TypeScript examples, each a complete module', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  for (const block of blocks) {
    expect(block).toMatch(/^import /m);
  }
});

test('every README example compiles in strict mode against the library', () => {
  const dir = tempDir('readme');
  const files = blocks.map((block, i) => {
    const file = path.join(dir, `example-${i + 1}.ts`);
    fs.writeFileSync(file, block);
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    baseUrl: ROOT,
    paths: { 'service-types': ['lib/index.ts'], '*': ['node_modules/*'] },
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || files.includes(path.resolve(d.file.fileName)))
    .map((d) => {
      const where = d.file
        ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} `
        : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
  expect(problems).toEqual([]);
});
