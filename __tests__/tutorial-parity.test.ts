import * as fs from 'fs';
import * as path from 'path';
import { ServiceTypesApp } from '../app';
import { readYaml, ROOT, tempDir, TUTORIAL_FILES, TUTORIAL_FIXTURES } from './support';

// The fixtures are the tutorial's manifests written by hand as plain kubectl YAML. Any
// difference from them is a defect in the constructs, never a reason to edit a fixture.
const EXPECTED_FILES = TUTORIAL_FILES.map((f, i) => `${String(i).padStart(4, '0')}-${f}`);

describe.each([
  [
    'a fresh synth',
    () => {
      const outdir = tempDir('parity');
      new ServiceTypesApp({ outdir }).synth();
      return outdir;
    },
  ],
  ['the committed dist/', () => path.join(ROOT, 'dist')],
])('%s', (_label, render) => {
  let outdir: string;
  beforeAll(() => {
    outdir = render();
  });

  test('holds exactly the seven tutorial files, prefixed in the order the tutorial applies them', () => {
    expect(fs.readdirSync(outdir).sort()).toEqual(EXPECTED_FILES);
  });

  test('lexical order puts the namespace first, as kubectl apply -f dist/ needs', () => {
    expect(fs.readdirSync(outdir).sort()[0]).toBe('0000-namespace.yaml');
  });

  test.each(TUTORIAL_FILES.map((f, i) => [f, EXPECTED_FILES[i]]))(
    '%s equals the tutorial manifest as data',
    (fixture, file) => {
      expect(readYaml(path.join(outdir, file))).toEqual(readYaml(path.join(TUTORIAL_FIXTURES, fixture)));
    },
  );
});

test('synthesis is byte-identical from run to run', () => {
  const first = tempDir('det-a');
  const second = tempDir('det-b');
  new ServiceTypesApp({ outdir: first }).synth();
  new ServiceTypesApp({ outdir: second }).synth();
  for (const file of fs.readdirSync(first)) {
    expect(fs.readFileSync(path.join(second, file))).toEqual(fs.readFileSync(path.join(first, file)));
  }
});
