#!/usr/bin/env node
'use strict';
// `npm run cluster -- up | down | env`: a real Kubernetes control plane on loopback (etcd,
// kube-apiserver, kube-controller-manager, kube-scheduler and a fake kubelet that reports pods
// running), built from the Kubernetes Go modules in test/cluster/. `up` builds the binary when
// its Go sources changed, starts every program in one process group with a fresh temporary
// data folder and free ports, waits until the control plane works and prints the kubeconfig;
// `down` stops the process group and removes the folder, and is safe to repeat; `env` prints
// the shell settings that point kubectl at it.
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const https = require('https');
const net = require('net');
const os = require('os');
const path = require('path');
const { PROJECT_ROOT } = require('./constants');

const MODULE_DIR = path.join(PROJECT_ROOT, 'test', 'cluster');
/** The ignored folder holding the built binary, its program links and the running cluster's state. */
const BIN_DIR = path.join(MODULE_DIR, 'bin');
const BINARY = path.join(BIN_DIR, 'control-plane');
const BUILD_STAMP = path.join(BIN_DIR, 'build.stamp');
const STATE_FILE = path.join(BIN_DIR, 'cluster.json');
/** The programs of the multi-call binary, each also a link to it in BIN_DIR. */
const PROGRAMS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'fake-kubelet'];
/** A control plane that is not healthy by then is reported with its logs. */
const HEALTHY_WITHIN_MS = 60_000;
const NODE_NAME = 'node-1';
const TEMP_PREFIX = 'service-types-cluster-';

const USAGE = `usage: npm run cluster -- up | down | env

  up    build the control plane if its Go sources changed, start it on loopback with a
        fresh temporary data folder, wait until it is healthy, print the kubeconfig path
  down  stop every process 'up' started and remove its data folder (safe to repeat)
  env   print shell settings for the running control plane:
        eval "$(npm run --silent cluster -- env)"
`;

class ClusterError extends Error {}

/**
 * The loopback ports of etcd's clients and peers and of kube-apiserver.
 * @typedef {{ etcd: number, etcdPeer: number, api: number }} Ports
 */

/**
 * The running control plane, as `up` leaves it.
 * @typedef {{ pgid: number, dir: string, kubeconfig: string, server: string }} ClusterState
 */

/** How the binary is built: without paths of this machine or a version control stamp. */
const BUILD_FLAGS = ['-trimpath', '-buildvcs=false'];

/** A hash of the Go module's sources and the build flags: the binary is rebuilt when it changes. */
function sourceHash() {
  const hash = crypto.createHash('sha256').update(`${BUILD_FLAGS.join(' ')}\0`);
  const files = fs
    .readdirSync(MODULE_DIR)
    .filter((f) => f === 'go.mod' || f === 'go.sum' || f.endsWith('.go'))
    .sort();
  for (const file of files) {
    hash
      .update(`${file}\0`)
      .update(fs.readFileSync(path.join(MODULE_DIR, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

/**
 * Builds the control plane binary unless one built from the current sources exists. The build
 * writes a temporary file renamed into place, so an interrupted build leaves the old binary.
 * @param {{ log?: (line: string) => void }} [options]
 */
function ensureBinary({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const hash = sourceHash();
  const built = fs.existsSync(BINARY) && fs.existsSync(BUILD_STAMP) && fs.readFileSync(BUILD_STAMP, 'utf-8') === hash;
  if (!built) {
    fs.mkdirSync(BIN_DIR, { recursive: true });
    const partial = `${BINARY}.partial`;
    log(
      `building the control plane (go build in ${path.relative(PROJECT_ROOT, MODULE_DIR)}/; minutes on a cold cache)`,
    );
    const started = Date.now();
    const result = spawnSync('go', ['build', ...BUILD_FLAGS, '-o', partial, '.'], {
      cwd: MODULE_DIR,
      stdio: 'inherit',
    });
    if (result.error && /** @type {NodeJS.ErrnoException} */ (result.error).code === 'ENOENT') {
      throw new ClusterError('the control plane is built with Go, and no `go` command was found on PATH');
    }
    if (result.status !== 0) {
      fs.rmSync(partial, { force: true });
      throw new ClusterError(`go build failed (exit status ${result.status ?? result.signal})`);
    }
    fs.renameSync(partial, BINARY);
    fs.writeFileSync(BUILD_STAMP, hash);
    log(`built ${path.relative(PROJECT_ROOT, BINARY)} in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  for (const program of PROGRAMS) {
    const link = path.join(BIN_DIR, program);
    if (!fs.existsSync(link)) fs.symlinkSync(path.basename(BINARY), link);
  }
}

/** A TCP port on 127.0.0.1 free at the time of asking. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Writes the credentials and kubeconfig into a fresh data folder.
 * @param {string} dir
 * @param {number} apiPort
 */
function writeConfig(dir, apiPort) {
  const token = crypto.randomBytes(24).toString('hex');
  // The admin is in system:masters, which RBAC lets do everything.
  fs.writeFileSync(path.join(dir, 'tokens.csv'), `${token},admin,admin,"system:masters"\n`, { mode: 0o600 });
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  const server = `https://127.0.0.1:${apiPort}`;
  // kube-apiserver writes its self-signed serving certificate and CA here when it starts.
  const ca = path.join(dir, 'pki', 'apiserver.crt');
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: local`,
      `  cluster: { server: "${server}", certificate-authority: "${ca}" }`,
      'users:',
      `- name: admin`,
      `  user: { token: "${token}" }`,
      'contexts:',
      '- name: local',
      '  context: { cluster: local, user: admin }',
      'current-context: local',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return { server, token, kubeconfig };
}

/**
 * An HTTPS GET against the API server; resolves with the status code and body, or with status
 * 0 when nothing answers yet.
 * @param {string} server
 * @param {string} token
 * @param {string} urlPath
 * @returns {Promise<{ status: number, body: string }>}
 */
function apiGet(server, token, urlPath) {
  return new Promise((resolve) => {
    const request = https.get(
      `${server}${urlPath}`,
      // Only a probe: the certificate is checked by every client that uses the kubeconfig.
      { headers: { Authorization: `Bearer ${token}` }, rejectUnauthorized: false, timeout: 5000 },
      (response) => {
        let body = '';
        response.on('data', (d) => (body += d));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve({ status: 0, body: '' }));
  });
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The body of the process group: starts the programs in order, each once the one it needs
 * works, and reports through the IPC channel. Runs as the group's leader until stopped.
 * @param {string} dir
 * @param {Ports} ports
 */
async function supervise(dir, ports) {
  const send = (/** @type {object} */ message) => process.send && process.send(message);
  const logs = path.join(dir, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  /** @type {Map<string, import('child_process').ChildProcess>} */
  const children = new Map();
  let failure = '';
  /** @param {string} program @param {string[]} args */
  const start = (program, args) => {
    const log = fs.openSync(path.join(logs, `${program}.log`), 'a');
    const child = spawn(BINARY, [program, ...args], { cwd: dir, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    child.on('exit', (code, signal) => {
      failure ||= `${program} exited (${signal ?? `exit status ${code}`})`;
    });
    children.set(program, child);
  };
  const { server, token, kubeconfig } = JSON.parse(fs.readFileSync(path.join(dir, 'access.json'), 'utf-8'));
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  /** @param {string} what @param {() => Promise<boolean>} ready */
  const waitFor = async (what, ready) => {
    while (!(await ready())) {
      if (failure) throw new ClusterError(`${failure} while waiting for ${what}`);
      if (Date.now() > deadline) throw new ClusterError(`not healthy within ${HEALTHY_WITHIN_MS / 1000} s: ${what}`);
      await sleep(250);
    }
  };
  const ok = async (/** @type {string} */ urlPath) => (await apiGet(server, token, urlPath)).status === 200;

  try {
    start('etcd', [
      `--data-dir=${path.join(dir, 'etcd')}`,
      `--client-url=http://127.0.0.1:${ports.etcd}`,
      `--peer-url=http://127.0.0.1:${ports.etcdPeer}`,
    ]);
    start('kube-apiserver', [
      `--etcd-servers=http://127.0.0.1:${ports.etcd}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${ports.api}`,
      `--cert-dir=${path.join(dir, 'pki')}`,
      `--token-auth-file=${path.join(dir, 'tokens.csv')}`,
      '--authorization-mode=Node,RBAC',
      // Dual-stack, as a manifest may ask for both families (ipFamilies) and a single-stack
      // API server refuses the one it lacks.
      '--service-cluster-ip-range=10.96.0.0/16,fd00:10:96::/112',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${path.join(dir, 'sa.pub')}`,
      `--service-account-signing-key-file=${path.join(dir, 'sa.key')}`,
      '--profiling=false',
    ]);
    await waitFor('kube-apiserver /readyz', () => ok('/readyz'));
    const client = [`--kubeconfig=${kubeconfig}`, '--leader-elect=false', '--secure-port=0', '--profiling=false'];
    start('kube-controller-manager', [
      ...client,
      `--service-account-private-key-file=${path.join(dir, 'sa.key')}`,
      `--root-ca-file=${path.join(dir, 'pki', 'apiserver.crt')}`,
    ]);
    start('kube-scheduler', client.slice(0, 3));
    start('fake-kubelet', [`--kubeconfig=${kubeconfig}`, `--node=${NODE_NAME}`]);
    await waitFor(`node ${NODE_NAME} Ready`, async () => {
      const { status, body } = await apiGet(server, token, `/api/v1/nodes/${NODE_NAME}`);
      if (status !== 200) return false;
      const conditions = JSON.parse(body).status?.conditions ?? [];
      return conditions.some((/** @type {any} */ c) => c.type === 'Ready' && c.status === 'True');
    });
    // The ServiceAccount controller of kube-controller-manager creates it: pods need it.
    await waitFor('kube-controller-manager (ServiceAccount default/default)', () =>
      ok('/api/v1/namespaces/default/serviceaccounts/default'),
    );
    send({ ready: true });
  } catch (error) {
    send({ error: /** @type {Error} */ (error).message });
    for (const child of children.values()) child.kill('SIGKILL');
    process.disconnect?.();
    process.exitCode = 1;
    return;
  }
  process.disconnect?.();
  // Stay the group's leader; a signal to the group stops the programs and this process alike.
  for (const name of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(name, () => process.exit(0));
  setInterval(() => {}, 1 << 30);
}

/** The last lines of each program's log in a data folder, for an error report. */
function logTails(/** @type {string} */ dir, lines = 15) {
  const logs = path.join(dir, 'logs');
  if (!fs.existsSync(logs)) return '';
  return fs
    .readdirSync(logs)
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(logs, file), 'utf-8').trimEnd().split('\n').slice(-lines).join('\n');
      return `--- ${file} (last ${lines} lines)\n${text}`;
    })
    .join('\n');
}

/**
 * Starts a control plane: builds the binary if needed, then runs every program in one new
 * process group and resolves once it is healthy. On failure nothing is left running or on disk.
 * `started` learns the state as soon as the group exists, so that an interrupted start can
 * still be stopped. The ports are free ones unless given.
 * @param {{ log?: (line: string) => void, started?: (state: ClusterState) => void, ports?: Partial<Ports> }} [options]
 * @returns {Promise<ClusterState>}
 */
async function start({
  log = (line) => process.stderr.write(`${line}\n`),
  started = () => {},
  ports: given = {},
} = {}) {
  ensureBinary({ log });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), TEMP_PREFIX));
  try {
    /** @type {Ports} */
    const ports = {
      etcd: given.etcd ?? (await freePort()),
      etcdPeer: given.etcdPeer ?? (await freePort()),
      api: given.api ?? (await freePort()),
    };
    const access = writeConfig(dir, ports.api);
    fs.writeFileSync(path.join(dir, 'access.json'), JSON.stringify(access), { mode: 0o600 });
    const leader = spawn(process.execPath, [__filename, '__supervise', dir, JSON.stringify(ports)], {
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const pgid = /** @type {number} */ (leader.pid);
    /** @type {ClusterState} */
    const state = { pgid, dir, kubeconfig: access.kubeconfig, server: access.server };
    started(state);
    const outcome = await new Promise((resolve) => {
      leader.on('message', resolve);
      leader.on('exit', (code) => resolve({ error: `the control plane's supervisor exited (status ${code})` }));
    });
    if (outcome.error) {
      const logs = logTails(dir);
      await stop(state);
      throw new ClusterError(`the control plane did not start: ${outcome.error}\n${logs}`);
    }
    leader.disconnect();
    leader.unref();
    return state;
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Whether any process of group `pgid` is alive. */
function groupAlive(/** @type {number} */ pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/**
 * Whether group `pgid` is still this control plane's: a group id is reused once its processes
 * are gone, so one is only signalled when a process of it names the data folder or the binary.
 * Where /proc is missing the group is trusted.
 * @param {ClusterState} state
 */
function groupIsOurs(state) {
  if (!fs.existsSync('/proc/self/stat')) return true;
  for (const pid of fs.readdirSync('/proc').filter((f) => /^\d+$/.test(f))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf-8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== state.pgid) continue;
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf-8');
      if (cmdline.includes(state.dir) || cmdline.includes(BINARY)) return true;
    } catch {
      // the process ended while being read
    }
  }
  return false;
}

/**
 * Stops a control plane: SIGTERM to its process group, SIGKILL to what is left after 3 s (its
 * data is thrown away, so a graceful shutdown buys nothing), then removes its data folder.
 * Safe to call for one already stopped.
 * @param {ClusterState} state
 */
async function stop(state) {
  if (groupAlive(state.pgid) && groupIsOurs(state)) {
    process.kill(-state.pgid, 'SIGTERM');
    const deadline = Date.now() + 3_000;
    while (groupAlive(state.pgid) && Date.now() < deadline) await sleep(100);
    if (groupAlive(state.pgid)) process.kill(-state.pgid, 'SIGKILL');
    while (groupAlive(state.pgid)) await sleep(50);
  }
  // Only a folder this script made is removed.
  if (path.basename(state.dir).startsWith(TEMP_PREFIX)) fs.rmSync(state.dir, { recursive: true, force: true });
}

/**
 * The running control plane recorded by `up` in `stateFile`, if any.
 * @param {string} stateFile
 * @returns {ClusterState | undefined}
 */
function readState(stateFile) {
  return fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf-8')) : undefined;
}

/**
 * Runs one of the commands `up`, `down` and `env`, keeping the running control plane's state
 * in `stateFile`; what it prints for the shell goes to `out`, what it says to `log`.
 * @param {string} command
 * @param {{ stateFile?: string, out?: (text: string) => void, log?: (line: string) => void }} [options]
 */
async function runCommand(
  command,
  {
    stateFile = STATE_FILE,
    out = (text) => process.stdout.write(text),
    log = (line) => process.stderr.write(`${line}\n`),
  } = {},
) {
  const running = readState(stateFile);
  if (command === 'up') {
    if (running && groupAlive(running.pgid) && groupIsOurs(running)) {
      throw new ClusterError(`a control plane is already up (kubeconfig ${running.kubeconfig}); 'down' stops it`);
    }
    if (running) await stop(running);
    const began = Date.now();
    const record = (/** @type {ClusterState} */ state) => fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
    const state = await start({ log, started: record }).catch((error) => {
      fs.rmSync(stateFile, { force: true });
      throw error;
    });
    log(`control plane up in ${((Date.now() - began) / 1000).toFixed(1)} s at ${state.server}`);
    out(`${state.kubeconfig}\n`);
  } else if (command === 'down') {
    if (running) await stop(running);
    fs.rmSync(stateFile, { force: true });
  } else if (command === 'env') {
    if (!running) throw new ClusterError("no control plane is up; 'up' starts one");
    out(`export KUBECONFIG='${running.kubeconfig}'\nexport PATH='${BIN_DIR}':"$PATH"\n`);
  } else {
    throw new ClusterError(`unknown command ${JSON.stringify(command)}\n${USAGE}`);
  }
}

if (require.main === module) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === '__supervise') {
    supervise(rest[0], JSON.parse(rest[1]));
  } else if (rest.length > 0 || !['up', 'down', 'env'].includes(command)) {
    process.stderr.write(USAGE);
    process.exitCode = 2;
  } else {
    runCommand(command).catch((error) => {
      process.stderr.write(`cluster: ${error instanceof ClusterError ? error.message : error.stack}\n`);
      process.exitCode = 1;
    });
  }
}

module.exports = { BIN_DIR, BINARY, TEMP_PREFIX, ClusterError, runCommand, start, stop };
