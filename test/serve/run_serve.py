#!/usr/bin/env python3
"""Integration tests of `wasmaot serve`: the real server on a loopback port,
talked to over HTTP with Python's http.client (and a raw socket where
http.client cannot say it: no Host header, pipelining).

    run_serve.py --wasmaot build/bin/wasmaot --work-dir DIR [--clang clang-19]

Builds the handlers in programs/ (C with clang for wasm32-wasi, and a .wat),
writes a modules.toml using every key, and checks: every CGI variable for
exact, wildcard and dynamic routes, entrypoints, argv templates, volumes
(and that nothing outside them is reachable), environment from --env,
--env-file and the module, .wat modules, every error status (404, 413, 500
for traps, exits, malformed headers and oversized output, 504 for timeouts,
the route's and the server's), memory limits, keep-alive, pipelining,
chunked and large bodies, the access log and the guest's log, /healthz,
start-up errors, and graceful shutdown. Prints PASS/FAIL lines and
`N passed, N failed`; exits 1 if any failed.
"""
import argparse
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import Failure, Reporter, outcome, run_tool  # noqa: E402

HERE = Path(__file__).resolve().parent


class Server:
    """A running `wasmaot serve`; its stdout (access log) and stderr are
    collected by threads."""

    def __init__(self, wasmaot, config, args, work, env=None):
        cmd = [wasmaot, "serve", "-c", str(config), "-l", "127.0.0.1:0", *args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     cwd=work, env=env)
        self.out, self.err = [], []
        self.port = None
        ready = threading.Event()

        def pump(stream, sink, watch):
            for raw in stream:
                line = raw.decode("utf-8", "replace").rstrip("\n")
                sink.append(line)
                m = watch and re.search(r"listening on http://[^:]+:(\d+)", line)
                if m:
                    self.port = int(m.group(1))
                    ready.set()
            ready.set()

        threading.Thread(target=pump, args=(self.proc.stdout, self.out, False), daemon=True).start()
        threading.Thread(target=pump, args=(self.proc.stderr, self.err, True), daemon=True).start()
        ready.wait(300)

    def connection(self, timeout=30):
        if self.port is None:
            raise Failure("the server did not start: " + " | ".join(self.err[-5:]))
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, target, body=None, headers=None, timeout=30):
        c = self.connection(timeout)
        try:
            c.request(method, target, body=body, headers=headers or {})
            r = c.getresponse()
            return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read()
        finally:
            c.close()

    def stop(self, sig=signal.SIGTERM, timeout=60):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise Failure(f"the server did not stop within {timeout}s of the signal")


def env_of(body):
    """The handler's /env output as {NAME: value} and [argv...]."""
    env, argv = {}, []
    for line in body.decode().splitlines():
        if line.startswith("argv["):
            argv.append(line.split("=", 1)[1])
        elif "=" in line:
            k, v = line.split("=", 1)
            env[k] = v
    return env, argv


def expect(cond, message):
    if not cond:
        raise Failure(message)


def expect_status(got, want, body=b""):
    expect(got == want, f"status {got}, expected {want}; body {body[:200]!r}")


def build(a, work):
    for c in ("handler", "dynamic"):
        run_tool([a.clang, "--target=wasm32-wasi", "-O2", str(HERE / "programs" / f"{c}.c"),
                  "-o", str(work / f"{c}.wasm")])
    (work / "hello.wat").write_bytes((HERE / "programs" / "hello.wat").read_bytes())
    (work / "data").mkdir(exist_ok=True)
    (work / "data" / "file.txt").write_text("volume contents\n")
    (work / "secret.txt").write_text("outside the volume\n")
    (work / "env.txt").write_text(
        "# comment\nFROM_FILE=file\nSPACED = \"spaced value\"\nexport EXPORTED=yes\n"
        "CLI_VAR=from-file\nthis line is not a variable\n")
    (work / "modules.toml").write_text(f"""
default_host = "default.test:8123"

[[module]]
route = "/"
module = "handler.wasm"

[[module]]
route = "/t/..."
module = "handler.wasm"
volumes = {{ "/data" = "data" }}
environment = {{ ROUTE_VAR = "t", CLI_VAR = "from-route" }}
timeout = "2s"
max_memory = "64MiB"
allowed_hosts = ["https://example.com"]

[[module]]
route = "/slow/..."
module = "handler.wasm"

[[module]]
route = "/exact"
module = "handler.wasm"
argv = "prog ${{SCRIPT_NAME}} x ${{ARGS}}"

[[module]]
route = "/dyn"
module = "dynamic.wasm"

[[module]]
route = "/dynw/..."
module = "dynamic.wasm"

[[module]]
route = "/entry"
module = "dynamic.wasm"
entrypoint = "other"

[[module]]
route = "/wat"
module = "file://{work / 'hello.wat'}"
""")


SERVER_ARGS = ["--env", "CLI_VAR=cli", "--env", "ONLY_CLI=1", "--env-file", "env.txt",
               "--timeout", "1500ms", "--max-request-body", "1MiB", "--max-response", "1MiB",
               "--workers", "8"]


def checks(s, work):
    """(name, function) for every check against the running server s."""
    def get(target, **kw):
        return s.request("GET", target, **kw)

    def cgi_exact_root():
        st, h, body = get("/?a=1&b=2", headers={"X-Custom-Header": "v", "Authorization": "secret",
                                                 "Host": "example.test:9000"})
        expect_status(st, 200, body)
        env, argv = env_of(body)
        want = {"REQUEST_METHOD": "GET", "SCRIPT_NAME": "/", "PATH_INFO": "", "PATH_TRANSLATED": "",
                "X_RAW_PATH_INFO": "", "X_MATCHED_ROUTE": "/", "QUERY_STRING": "a=1&b=2",
                "SERVER_NAME": "example.test", "SERVER_PORT": "9000", "SERVER_PROTOCOL": "HTTP/1.1",
                "GATEWAY_INTERFACE": "CGI/1.1", "REMOTE_ADDR": "127.0.0.1", "REMOTE_HOST": "127.0.0.1",
                "REMOTE_USER": "", "AUTH_TYPE": "", "CONTENT_LENGTH": "0", "CONTENT_TYPE": "",
                "X_FULL_URL": "http://example.test:9000/?a=1&b=2", "HTTP_X_CUSTOM_HEADER": "v",
                "HTTP_HOST": "example.test:9000", "CLI_VAR": "cli", "FROM_FILE": "file",
                "SPACED": "spaced value", "EXPORTED": "yes", "ONLY_CLI": "1"}
        for k, v in want.items():
            expect(env.get(k) == v, f"{k}={env.get(k)!r}, expected {v!r}")
        expect(env.get("SERVER_SOFTWARE", "").startswith("wasmaot/"), "SERVER_SOFTWARE")
        for k in ("HTTP_AUTHORIZATION", "HTTP_CONNECTION", "ROUTE_VAR", "HOME", "PATH"):
            expect(k not in env, f"{k} must not be set")
        expect(argv == ["/", "a=1", "b=2"], f"argv {argv}")

    def cgi_wildcard():
        st, _, body = get("/t")
        env, _ = env_of(body)
        expect_status(st, 200, body)
        expect(env["SCRIPT_NAME"] == "/t" and env["PATH_INFO"] == "" and
               env["X_MATCHED_ROUTE"] == "/t/...", f"/t: {env.get('SCRIPT_NAME')} {env.get('PATH_INFO')}")
        expect(env["ROUTE_VAR"] == "t" and env["CLI_VAR"] == "from-route",
               "the module's environment wins over --env and the env file")
        st, _, body = get("/t/%65nv?q")
        env, argv = env_of(body)
        expect_status(st, 200, body)
        expect((env["SCRIPT_NAME"], env["PATH_INFO"], env["PATH_TRANSLATED"], env["X_RAW_PATH_INFO"]) ==
               ("/t", "/env", "/env", "/%65nv"), f"escaped path: {env}")
        expect(argv == ["/t", "q"], f"argv {argv}")

    def cgi_post_body():
        st, _, body = s.request("POST", "/t/env", body=b"abc", headers={"Content-Type": "text/x-test"})
        env, _ = env_of(body)
        expect((env["REQUEST_METHOD"], env["CONTENT_LENGTH"], env["CONTENT_TYPE"]) ==
               ("POST", "3", "text/x-test"), f"{env}")

    def argv_template():
        st, _, body = get("/exact?a=1&b=2")
        _, argv = env_of(body)
        expect(argv == ["prog", "/exact", "x", "a=1", "b=2"], f"argv {argv}")
        st, _, body = get("/exact/more")
        expect_status(st, 404, body)

    def dynamic_routes():
        cases = {"/dyn/sub": "sub SCRIPT_NAME=/dyn/sub PATH_INFO= X_MATCHED_ROUTE=/dyn/sub",
                 "/dyn": "main SCRIPT_NAME=/dyn PATH_INFO= X_MATCHED_ROUTE=/dyn",
                 "/dyn/w/a/b": "wild SCRIPT_NAME=/dyn/w PATH_INFO=/a/b X_MATCHED_ROUTE=/dyn/w/...",
                 "/dynw/w/a/b": "wild SCRIPT_NAME=/dynw/w PATH_INFO=/a/b X_MATCHED_ROUTE=/dynw/w/...",
                 "/dynw/sub": "sub SCRIPT_NAME=/dynw/sub PATH_INFO= X_MATCHED_ROUTE=/dynw/sub",
                 "/dynw/other": "main SCRIPT_NAME=/dynw PATH_INFO=/other X_MATCHED_ROUTE=/dynw/...",
                 "/entry": "other SCRIPT_NAME=/entry PATH_INFO= X_MATCHED_ROUTE=/entry"}
        for target, want in cases.items():
            st, _, body = get(target)
            expect(st == 200 and body.decode().strip() == want, f"{target}: {st} {body!r}, expected {want!r}")

    def wat_module():
        st, _, body = get("/wat")
        expect(st == 200 and body == b"hello from wat\n", f"{st} {body!r}")

    def statuses():
        cases = [("/t/trap", 500), ("/t/exit", 500), ("/t/malformed", 500), ("/t/notype", 500),
                 ("/t/big", 500), ("/nope", 404), ("/t/status", 404), ("/t/unknown", 400)]
        for target, want in cases:
            st, _, body = get(target)
            expect(st == want, f"{target}: {st}, expected {want}")
            st, _, body = get("/t/env")
            expect(st == 200, f"after {target}: /t/env gave {st}")
        st, h, _ = get("/t/redirect")
        expect(st == 302 and h.get("location") == "/t/env", f"redirect: {st} {h}")
        st, _, body = get("/t/exit0")
        expect(st == 200 and body == b"bye\n", f"exit(0): {st} {body!r}")

    def memory_limit():
        st, _, body = get("/t/grow")
        expect(st == 507 and body == b"malloc failed\n", f"{st} {body!r}")
        st, _, body = get("/slow/grow")  # no route limit, the server's 4 GiB
        expect(st == 507 and body == b"allocated\n", f"without the limit: {st} {body!r}")

    def timeouts():
        for target, low, high in (("/t/loop", 1.9, 6), ("/slow/loop", 1.4, 5), ("/t/sleep", 1.9, 6)):
            start = time.monotonic()
            st, _, body = get(target)
            took = time.monotonic() - start
            expect(st == 504, f"{target}: {st}")
            expect(low <= took <= high, f"{target} took {took:.2f}s, expected {low}..{high}")
            st, _, _ = get(target.rsplit("/", 1)[0] + "/env")
            expect(st == 200, "the route works after a timeout")

    def healthz():
        st, _, body = get("/healthz")
        expect(st == 200 and body == b"OK", f"{st} {body!r}")

    def keep_alive():
        c = s.connection()
        try:
            first = None
            for i in range(5):
                c.request("GET", f"/t/env?{i}")
                r = c.getresponse()
                r.read()
                expect(r.status == 200, f"request {i}: {r.status}")
                first = first or c.sock
                expect(c.sock is first, "the connection was not kept")
        finally:
            c.close()

    def pipelining():
        with socket.create_connection(("127.0.0.1", s.port), timeout=30) as sock:
            req = b"GET /t/counter HTTP/1.1\r\nHost: x\r\n\r\n"
            sock.sendall(req + req + b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        expect(data.count(b"HTTP/1.1 200") == 3, f"three responses: {data[:300]!r}")

    def no_host_header():
        with socket.create_connection(("127.0.0.1", s.port), timeout=30) as sock:
            sock.sendall(b"GET /t/env HTTP/1.0\r\n\r\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        body = data.split(b"\r\n\r\n", 1)[1]
        env, _ = env_of(body)
        expect((env.get("SERVER_NAME"), env.get("SERVER_PORT"), env.get("SERVER_PROTOCOL")) ==
               ("default.test", "8123", "HTTP/1.0"), f"{env}")

    def bodies():
        big = os.urandom(600 * 1024)
        st, _, body = s.request("POST", "/t/echo", body=big)
        expect(st == 200 and body == big, f"600 KiB echo: {st}, {len(body)} bytes")
        c = s.connection()
        try:
            c.request("POST", "/t/echo", body=iter([b"chunk-one,", b"chunk-two"]),
                      encode_chunked=True, headers={"Transfer-Encoding": "chunked"})
            r = c.getresponse()
            got = r.read()
            expect(r.status == 200 and got == b"chunk-one,chunk-two", f"chunked: {r.status} {got!r}")
        finally:
            c.close()
        try:
            st, _, _ = s.request("POST", "/t/echo", body=b"x" * (2 << 20))
        except (ConnectionError, http.client.HTTPException):
            st = "connection closed"
        expect(st == 413, f"2 MiB body: {st}, expected 413")

    def volumes():
        st, _, body = get("/t/volume")
        text = body.decode()
        expect("read: volume contents" in text, text)
        expect("escape: opened" not in text and "etc: opened" not in text, text)
        st, _, body = get("/slow/volume")
        expect("read failed" in body.decode(), f"no volume on /slow: {body!r}")

    def fresh_instance():
        for _ in range(3):
            st, _, body = get("/t/counter")
            expect(body == b"1\n", f"counter {body!r}: state leaked between requests")

    def logs():
        get("/t/stderr")
        time.sleep(0.3)
        expect(any(l == "[/t/...] a line for the log" for l in s.err), "the guest's stderr line")
        expect(any(re.fullmatch(r"GET /t/stderr 200 7 \d+", l) for l in s.out),
               f"access log line; last: {s.out[-3:]}")
        expect(any("route /t/...: 'allowed_hosts' is not supported" in l for l in s.err),
               "warning for allowed_hosts")
        expect(any("env.txt:6: not NAME=VALUE; skipped" in l for l in s.err), "env-file warning")
        expect(any("/t/... (handler.wasm): trap: unreachable" in l for l in s.err), "trap log line")

    return [("cgi-exact-root", cgi_exact_root), ("cgi-wildcard", cgi_wildcard),
            ("cgi-post-body", cgi_post_body), ("argv-template", argv_template),
            ("dynamic-routes-and-entrypoints", dynamic_routes), ("wat-module", wat_module),
            ("error-statuses", statuses), ("memory-limit", memory_limit), ("timeouts", timeouts),
            ("healthz", healthz), ("keep-alive", keep_alive), ("pipelining", pipelining),
            ("no-host-header", no_host_header), ("request-bodies", bodies), ("volumes", volumes),
            ("fresh-instance-per-request", fresh_instance), ("logs", logs)]


def graceful_shutdown(a, work):
    s = Server(a.wasmaot, work / "modules.toml", SERVER_ARGS, work)
    result = {}

    def slow():
        try:
            result["r"] = s.request("GET", "/t/spin")
        except Exception as e:  # noqa: BLE001
            result["r"] = e

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.4)
    code = s.stop(signal.SIGTERM)
    t.join(30)
    r = result.get("r")
    expect(isinstance(r, tuple) and r[0] == 200 and r[2] == b"done\n",
           f"the request in flight: {r!r}")
    expect(code == 0, f"exit code {code}")
    try:
        socket.create_connection(("127.0.0.1", s.port), timeout=5).close()
        raise Failure("still accepting after exit")
    except OSError:
        pass


def startup_errors(a, work):
    cases = [
        ("bindle", '[[module]]\nroute = "/b"\nmodule = "bindle:example/1.0"\n',
         r"route /b: bindle module references are not supported"),
        ("missing-module", '[[module]]\nroute = "/m"\nmodule = "missing.wasm"\n',
         r"route /m: cannot read 'missing.wasm'"),
        ("bad-import", '[[module]]\nroute = "/i"\nmodule = "imports.wat"\n',
         r"route /i: imports.wat:0x[0-9a-f]+: error: unknown import: env.f"),
        ("bad-toml", '[[module]]\nroute = \n', r"modules.toml:2: "),
        ("no-route", '[[module]]\nmodule = "handler.wasm"\n', r"an entry has no 'route'"),
        ("bad-timeout", '[[module]]\nroute = "/x"\nmodule = "handler.wasm"\ntimeout = "5 s"\n',
         r"route /x: timeout: expected <integer>ms\|s\|m"),
        ("endless-start", '[[module]]\nroute = "/s"\nmodule = "spin-start.wat"\ntimeout = "300ms"\n',
         r"route /s: spin-start.wat: start function trapped: interrupted in spin_start\+0x[0-9a-f]+ "
         r"\(timeout 300ms\)"),
        ("duplicate-route", '[[module]]\nroute = "/x"\nmodule = "handler.wasm"\n'
         '[[module]]\nroute = "/x"\nmodule = "handler.wasm"\n', r"route /x is defined twice"),
    ]
    (work / "imports.wat").write_text('(module (import "env" "f" (func)) (func (export "_start")))')
    (work / "spin-start.wat").write_text(
        '(module (func $spin_start (loop $l (br $l))) (start $spin_start) (func (export "_start")))')
    for name, toml, pattern in cases:
        d = work / f"bad-{name}"
        d.mkdir(exist_ok=True)
        for f in ("handler.wasm", "imports.wat", "spin-start.wat"):
            (d / f).write_bytes((work / f).read_bytes())
        (d / "modules.toml").write_text(toml)
        p = subprocess.run([a.wasmaot, "serve", "-c", "modules.toml", "-l", "127.0.0.1:0"], cwd=d,
                           capture_output=True, timeout=300)
        err = p.stderr.decode()
        lines = [l for l in err.splitlines() if "warning" not in l]
        yield name, (None if p.returncode == 1 and len(lines) == 1 and
                     lines[0].startswith("wasmaot: error: ") and re.search(pattern, lines[0])
                     else f"exit {p.returncode}, stderr {err!r}, expected one line matching {pattern!r}")
    p = subprocess.run([a.wasmaot, "serve", "-c", "missing.toml"], cwd=work,
                       capture_output=True, timeout=60)
    yield "missing-config", (None if p.returncode == 1 and p.stderr ==
                             b"wasmaot: error: cannot read 'missing.toml': No such file or directory\n"
                             else f"exit {p.returncode}, {p.stderr!r}")
    p = subprocess.run([a.wasmaot, "serve", "-c", "modules.toml", "--timeout", "5x"], cwd=work,
                       capture_output=True, timeout=60)
    yield "bad-flag", (None if p.returncode == 1 and b"--timeout: expected" in p.stderr
                       else f"exit {p.returncode}, {p.stderr!r}")
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    port = blocker.getsockname()[1]
    p = subprocess.run([a.wasmaot, "serve", "-c", "modules.toml", "-l", f"127.0.0.1:{port}"],
                       cwd=work, capture_output=True, timeout=300)
    blocker.close()
    yield "port-in-use", (None if p.returncode == 1 and b"cannot listen on" in p.stderr
                          else f"exit {p.returncode}, {p.stderr!r}")


def add_arguments(ap):
    """The options this runner and load_test.py share."""
    ap.add_argument("--wasmaot", required=True)
    ap.add_argument("--work-dir", required=True)
    ap.add_argument("--clang", default="clang-19")


def prepare(a, rep):
    """The work directory with the handlers built, run's cache inside it;
    None (after reporting why) when the build fails."""
    a.wasmaot = str(Path(a.wasmaot).resolve())
    work = Path(a.work_dir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    os.environ["WASMAOT_CACHE_DIR"] = str(work / "cache")
    _, error = outcome(lambda: build(a, work))
    rep.report("build", error)
    return None if error else work


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(ap)
    a = ap.parse_args()
    rep = Reporter()
    work = prepare(a, rep)
    if work is None:
        rep.print_summary()
        return 1
    s = Server(a.wasmaot, work / "modules.toml", SERVER_ARGS, work)
    try:
        for name, check in checks(s, work):
            rep.report(name, outcome(check)[1])
    finally:
        code = s.stop()
    rep.report("exit-0-on-sigterm", None if code == 0 else f"exit code {code}")
    ready = [l for l in s.err if "instance ready" in l]
    print(ready[0] if ready else "(no instance-ready line)")
    rep.report("graceful-shutdown", outcome(lambda: graceful_shutdown(a, work))[1])
    for name, error in startup_errors(a, work):
        rep.report(f"startup-error-{name}", error)
    rep.print_summary()
    return rep.exit_code()


if __name__ == "__main__":
    sys.exit(main())
