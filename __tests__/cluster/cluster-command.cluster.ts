import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { BINARY, ClusterError, runCommand, start, TEMP_PREFIX } from '../../scripts/cluster';
import { tempDir } from '../support';
import { kubectlOk } from './support';

// `npm run cluster -- up | down | env` on a second control plane of its own, with its own state
// file: what it prints, what it refuses, and that nothing outlives `down` or a failed start.

const stateFile = path.join(tempDir('cluster-command'), 'cluster.json');
let printed = '';
const options = { stateFile, out: (text: string) => (printed += text), log: () => undefined };

// Whatever happens in the tests, the control plane they started goes.
afterAll(() => runCommand('down', options), 30_000);

/** The processes running the control plane binary with `dir` on their command line. */
function processesOf(dir: string): string[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf-8').split('\0').join(' ');
        return cmdline.includes(dir) && (cmdline.includes(BINARY) || cmdline.includes('__supervise')) ? [cmdline] : [];
      } catch {
        return []; // ended while being read
      }
    });
}

const dataFolders = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(TEMP_PREFIX));

test('without a control plane, env says none is up and down does nothing', async () => {
  await expect(runCommand('env', options)).rejects.toThrow("no control plane is up; 'up' starts one");
  await expect(runCommand('down', options)).resolves.toBeUndefined();
  expect(printed).toBe('');
});

test('an unknown command is refused with the usage', async () => {
  await expect(runCommand('start', options)).rejects.toThrow(
    /unknown command "start"\nusage: npm run cluster -- up \| down \| env/,
  );
});

describe('up, env and down', () => {
  let kubeconfig = '';
  let dir = '';

  test('up prints the path of a kubeconfig that reaches a node ready for pods', async () => {
    await runCommand('up', options);
    kubeconfig = printed.trim();
    dir = path.dirname(kubeconfig);
    expect(path.basename(dir)).toMatch(new RegExp(`^${TEMP_PREFIX}`));
    const nodes = JSON.parse(await kubectlOk(['--kubeconfig', kubeconfig, 'get', 'nodes', '-o', 'json']));
    expect(nodes.items.map((n: any) => n.metadata.name)).toEqual(['node-1']);
    expect(processesOf(dir).length).toBeGreaterThanOrEqual(6); // five programs and their supervisor
  });

  test('a second up is refused, naming the running one', async () => {
    await expect(runCommand('up', options)).rejects.toThrow(`a control plane is already up (kubeconfig ${kubeconfig})`);
  });

  test('env points KUBECONFIG at it and kubectl at the built one', async () => {
    printed = '';
    await runCommand('env', options);
    expect(printed).toBe(`export KUBECONFIG='${kubeconfig}'\nexport PATH='${path.dirname(BINARY)}':"$PATH"\n`);
  });

  test('down stops every process and removes the data folder; a second down is harmless', async () => {
    await runCommand('down', options);
    expect(processesOf(dir)).toEqual([]);
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.existsSync(stateFile)).toBe(false);
    await expect(runCommand('down', options)).resolves.toBeUndefined();
  });
});

test("a port in use is a clear error with the programs' logs, and the failed start leaves nothing behind", async () => {
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const api = (taken.address() as net.AddressInfo).port;
  const foldersBefore = dataFolders();
  try {
    const failure = await start({ ports: { api }, log: () => undefined }).then(
      () => new Error('started'),
      (error) => error,
    );
    expect(failure).toBeInstanceOf(ClusterError);
    expect(failure.message).toContain('the control plane did not start: kube-apiserver exited');
    expect(failure.message).toContain(`127.0.0.1:${api}`);
    expect(failure.message).toContain('address already in use');
  } finally {
    taken.close();
  }
  expect(dataFolders()).toEqual(foldersBefore);
});
