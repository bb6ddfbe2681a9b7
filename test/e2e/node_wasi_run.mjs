// Runs a WASI (preview1) module on node's V8 with node:wasi, with the same
// grants as a wasmaot-compiled executable, for differential testing:
//
//   node --no-warnings node_wasi_run.mjs [--env NAME=VALUE]... \
//        [--dir HOST[::GUEST]]... [--argv0 NAME] prog.wasm [ARGS...]
//
// (run_e2e.py adds --single-threaded-gc: node 20.20 sometimes crashes at exit
// after a module grew its memory, and never did with that flag)
//
// The guest's environment is exactly the --env grants plus the NAME=VALUE
// lines of $WASMAOT_ENV (as for wasmaot executables); nothing else of the host
// environment leaks in. argv[0] is --argv0 (default: the module's file name).
// Exit code: the guest's own (proc_exit or 0), 134 for a trap (as wasmaot and
// wasmtime), 1 for an error of this script. A trap prints
// `node: trap: MESSAGE` (V8's wording, not wasmaot's) on stderr.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import process from 'node:process';
import { WASI } from 'node:wasi';

function usage(msg) {
  process.stderr.write(`node_wasi_run: error: ${msg}\n`);
  process.exit(1);
}

const argv = process.argv.slice(2);
const env = {};
const preopens = {};
let argv0 = null;
let i = 0;
for (; i < argv.length; i++) {
  const a = argv[i];
  const value = () => {
    if (i + 1 >= argv.length) usage(`${a} needs a value`);
    return argv[++i];
  };
  if (a === '--env') {
    const kv = value();
    const eq = kv.indexOf('=');
    if (eq <= 0) usage(`expected NAME=VALUE, got '${kv}'`);
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  } else if (a === '--dir') {
    const d = value();
    const sep = d.indexOf('::');
    if (sep >= 0) preopens[d.slice(sep + 2)] = d.slice(0, sep);
    else preopens[d] = d;
  } else if (a === '--argv0') {
    argv0 = value();
  } else if (a === '--') {
    i++;
    break;
  } else if (a.startsWith('--')) {
    usage(`unknown option ${a}`);
  } else {
    break;
  }
}
if (i >= argv.length) usage('no module given');
const wasmPath = argv[i];
const args = [argv0 ?? basename(wasmPath), ...argv.slice(i + 1)];

// Runtime grants, one NAME=VALUE a line (baked --env grants win, as in
// wasmaot: the runtime list only adds names not granted at compile time).
for (const line of (process.env.WASMAOT_ENV ?? '').split('\n')) {
  if (line === '') continue;
  const eq = line.indexOf('=');
  if (eq <= 0) usage(`WASMAOT_ENV: expected NAME=VALUE, got '${line}'`);
  const name = line.slice(0, eq);
  if (!(name in env)) env[name] = line.slice(eq + 1);
}

let bytes;
try {
  bytes = await readFile(wasmPath);
} catch (e) {
  usage(`cannot read ${wasmPath}: ${e.message}`);
}

const wasi = new WASI({ version: 'preview1', args, env, preopens, returnOnExit: true });
let code;
try {
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  code = wasi.start(instance);
} catch (e) {
  if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
    process.stderr.write(`node: trap: ${e.message}\n`);
    code = 134;
  } else {
    process.stderr.write(`node_wasi_run: error: ${e && e.message ? e.message : e}\n`);
    code = 1;
  }
}
process.exit(code);
