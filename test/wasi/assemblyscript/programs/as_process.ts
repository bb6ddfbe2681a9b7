// AssemblyScript (asc + @assemblyscript/wasi-shim): arguments, environment,
// stdout/stderr, stdin and the exit code, through the shim's `process` and
// `console`. Deterministic output (compared with node:wasi by the harness).
//   as_process ARGS...        prints every argument and the environment
//   as_process exit N         then exits with N (process.exit)
//   as_process exitcode N     sets process.exitCode = N, then process.exit()
//   as_process stdin          also reads stdin to the end and reports its size
const argv = process.argv;
console.log("argc " + argv.length.toString());
for (let i = 1; i < argv.length; i++) console.log("arg " + i.toString() + ": [" + argv[i] + "]");

const keys = process.env.keys().sort();
for (let i = 0; i < keys.length; i++) console.log("env: [" + keys[i] + "=" + process.env.get(keys[i]) + "]");
console.log("env count " + keys.length.toString());
console.log("has HOME " + (process.env.has("HOME") ? "yes" : "no"));

process.stdout.write("stdout via process.stdout\n");
process.stderr.write("stderr via process.stderr\n");
// The shim's console.error writes "Error: " to stdout.
console.error("to stdout with a prefix");

let mode = argv.length > 1 ? argv[1] : "";
if (mode == "stdin") {
  let buf = new ArrayBuffer(4096);
  let total = 0;
  let lines = 0;
  while (true) {
    let n = process.stdin.read(buf);
    if (n <= 0) break;
    let bytes = Uint8Array.wrap(buf, 0, n);
    for (let i = 0; i < n; i++) if (bytes[i] == 10) lines++;
    total += n;
  }
  console.log("stdin " + total.toString() + " bytes, " + lines.toString() + " lines");
}
if (mode == "exit") {
  console.log("exiting");
  process.exit(I32.parseInt(argv[2]));
  console.log("not reached");
}
if (mode == "exitcode") {
  process.exitCode = I32.parseInt(argv[2]);
}
console.log("done");
if (mode == "exitcode") process.exit();
