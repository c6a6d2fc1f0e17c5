import * as fs from 'fs';
import * as path from 'path';
import { git as gitIn, tempDir } from './support';

import { PlanInputError, readManifests, readPrevious } from '../cli/plan';

// How the plan reads the previous render (a folder, or a folder as committed at a git
// revision) and the objects in it. A throwaway repository holds a project in a subfolder.

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

let repo: string;
let project: string;

function git(...args: string[]): string {
  return gitIn(repo, ...args);
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeAll(() => {
  repo = tempDir('plan-renders');
  project = path.join(repo, 'project');
  write(path.join(project, 'dist', '0001-b.yaml'), namespace('b'));
  write(path.join(project, 'dist', '0000-a.yml'), namespace('a'));
  write(path.join(project, 'dist', 'notes.txt'), 'not a manifest');
  write(path.join(project, 'dist', 'nested', 'c.yaml'), namespace('c'));
  write(path.join(project, 'out', 'prod.yaml'), namespace('prod'));
  git('init', '--quiet');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'renders');
  git('tag', 'v1');
  // The working copy differs from the commit, which is what is read.
  write(path.join(project, 'dist', '0000-a.yml'), namespace('edited'));
});

const where = () => ({ cwd: project, root: project });
const names = (render: { files: { file: string }[] }) => render.files.map((f) => f.file);

describe('the previous render', () => {
  test('is dist/ of the project as committed at HEAD by default, its YAML files in order', () => {
    const render = readPrevious(undefined, where());
    expect(render.label).toBe(`project/dist/ at HEAD (${git('rev-parse', 'HEAD').slice(0, 12)})`);
    expect(names(render)).toEqual(['0000-a.yml', '0001-b.yaml']);
    expect(render.files[0].text).toBe(namespace('a'));
  });

  test('is dist/ as committed at the revision --against names', () => {
    expect(names(readPrevious('v1', where()))).toEqual(['0000-a.yml', '0001-b.yaml']);
  });

  test('is the folder after the colon, from the top of the repository, with revision:folder', () => {
    const render = readPrevious('v1:project/out', where());
    expect(render.label).toMatch(/^project\/out\/ at v1 \(/);
    expect(names(render)).toEqual(['prod.yaml']);
  });

  test("is the project's own output folder when it is not dist/", () => {
    const render = readPrevious(undefined, { ...where(), output: 'out' });
    expect(render.label).toMatch(/^project\/out\/ at HEAD \(/);
    expect(names(render)).toEqual(['prod.yaml']);
  });

  test('is the folder as it is when --against names one', () => {
    const render = readPrevious('out', where());
    expect(render.label).toBe('the folder out');
    expect(names(render)).toEqual(['prod.yaml']);
  });

  // kubectl apply -f <folder> would skip notes.txt; a plan against such a folder is most likely
  // against the wrong folder. Subfolders are not read, as kubectl without -R does not.
  test('is refused when --against names a folder holding files that are not manifests', () => {
    expect(() => readPrevious('dist', where())).toThrow(
      expect.objectContaining({
        message: '--against dist holds more than manifests, so it is no render to compare with',
        problems: ['not YAML manifests: notes.txt'],
      }),
    );
  });
});

// kubectl apply reads a List's items as objects of their own, so a render may hold one.
test('a kind: List file of a render is read item by item', () => {
  const list = `apiVersion: v1\nkind: List\nitems:\n${[namespace('a'), namespace('b')]
    .map((text) => `  - ${text.trimEnd().split('\n').join('\n    ')}`)
    .join('\n')}\n`;
  expect(readManifests([{ file: 'list.yaml', text: list }], 'the render').map((m) => m.name)).toEqual(['a', 'b']);
});

describe('--against that names nothing readable', () => {
  test.each([
    ['a revision without the folder', 'v1:project/missing', 'v1 has no project/missing/ folder with manifests'],
    ['no folder and no revision', 'v2', '--against v2: there is no such folder, and git knows no revision v2'],
    ['a file', 'out/prod.yaml', '--against out/prod.yaml is a file; give a folder of manifests or a git revision'],
  ])('%s says so', (_case, against, message) => {
    expect(() => readPrevious(against, where())).toThrow(message);
  });

  test('outside a git repository, asks for a folder', () => {
    const outside = tempDir('plan-no-git');
    expect(() => readPrevious(undefined, { cwd: outside, root: outside })).toThrow(
      'is not in a git repository; give --against a folder of manifests instead',
    );
  });
});

describe('the objects of a render', () => {
  test('are identified by kind, namespace and name, cluster-scoped ones without a namespace', () => {
    const [ns, svc] = readManifests(
      [
        { file: 'a.yaml', text: namespace('shop') },
        { file: 'b.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n' },
      ],
      'the render',
    );
    expect([ns.kind, ns.namespace, ns.name, ns.file]).toEqual(['Namespace', '', 'shop', 'a.yaml']);
    expect([svc.kind, svc.namespace, svc.name, svc.file]).toEqual(['Service', 'shop', 'web', 'b.yaml']);
  });

  test('skip empty documents', () => {
    expect(readManifests([{ file: 'a.yaml', text: `---\n${namespace('a')}---\n` }], 'the render')).toHaveLength(1);
  });

  test('that cannot be read are all reported at once, with file and document', () => {
    const read = () =>
      readManifests(
        [
          { file: 'a.yaml', text: `${namespace('a')}---\n${namespace('a')}` },
          { file: 'b.yaml', text: 'kind: [' },
          { file: 'c.yaml', text: 'apiVersion: v1\nkind: Namespace\n' },
        ],
        'the render',
      );
    let error: unknown;
    try {
      read();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(PlanInputError);
    if (!(error instanceof PlanInputError)) {
      return;
    }
    expect(error.message).toBe('cannot read the render');
    expect(error.problems).toEqual([
      'a.yaml document 2: Namespace a is also in a.yaml',
      expect.stringMatching(/^b\.yaml document 1: invalid YAML: /),
      'c.yaml document 1: not a Kubernetes object (it needs kind and metadata.name)',
    ]);
  });
});
