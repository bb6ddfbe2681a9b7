#!/usr/bin/env python3
"""The server benchmark (issue 12; results in docs/benchmarks.md): wrk on
loopback against one hello-world handler written in C, served four ways side
by side in one run:

  wasmaot-serve     `wasmaot serve`, the module compiled ahead of time
  lighttpd-cgi      lighttpd's mod_cgi running the same C compiled natively
  wasmaot-run-cgi   lighttpd's mod_cgi running `wasmaot run hello.wasm` per
                    request (compiled once, into run's cache)
  lighttpd-static   lighttpd serving a small static file (the ceiling)

at 1, 16 and 128 connections, reporting requests/s and p50/p99 latency, and
the server's own figure for taking an instance from the pool and making it
ready (median and p99). --check only verifies that each way answers the
right body (CI); it times nothing.

    bench/serve/run.py [--wasmaot build/bin/wasmaot] [--duration 10]
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BODY = b"Hello, world!\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, timeout=120):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read()
        except Exception:  # noqa: BLE001
            time.sleep(0.2)
    raise SystemExit(f"bench: {url} did not answer within {timeout}s")


def prepare(a, work):
    work.mkdir(parents=True, exist_ok=True)
    www = work / "www"
    www.mkdir(exist_ok=True)
    subprocess.run([a.clang, "--target=wasm32-wasi", "-O2", str(HERE / "hello_cgi.c"),
                    "-o", str(work / "hello.wasm")], check=True)
    subprocess.run([a.clang, "-O2", str(HERE / "hello_cgi.c"), "-o", str(www / "hello.cgi")],
                   check=True)
    (www / "run.cgi").write_text(
        f"#!/bin/sh\nexec {a.wasmaot} run {work / 'hello.wasm'}\n")
    (www / "run.cgi").chmod(0o755)
    (www / "static.txt").write_bytes(BODY)
    (work / "modules.toml").write_text(
        f'[[module]]\nroute = "/hello"\nmodule = "{work / "hello.wasm"}"\n')
    # Compile once for `run`, so that no request pays for the compile.
    subprocess.run([a.wasmaot, "run", str(work / "hello.wasm")], check=True,
                   stdout=subprocess.DEVNULL, env=os.environ)


def lighttpd_conf(work, port):
    conf = work / "lighttpd.conf"
    conf.write_text(f"""
server.document-root = "{work / 'www'}"
server.port = {port}
server.bind = "127.0.0.1"
server.modules = ("mod_cgi")
server.errorlog = "{work / 'lighttpd-error.log'}"
cgi.assign = (".cgi" => "")
server.max-keep-alive-requests = 10000
mimetype.assign = (".txt" => "text/plain")
""")
    return conf


def wrk(url, connections, duration):
    threads = min(2, connections)
    p = subprocess.run(["wrk", "--latency", "-t", str(threads), "-c", str(connections),
                        "-d", f"{duration}s", url], capture_output=True, text=True)
    out = p.stdout

    def latency(q):
        m = re.search(rf"^\s+{q}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return None
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    return {"rps": float(rps.group(1)) if rps else 0.0, "p50": latency(50), "p99": latency(99),
            "errors": errors.group(0) if errors else ""}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wasmaot", default=str(ROOT / "build" / "bin" / "wasmaot"))
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--duration", type=int, default=10, help="seconds of wrk per cell")
    ap.add_argument("--connections", default="1,16,128")
    ap.add_argument("--work", default=str(ROOT / "bench" / "out" / "serve"))
    ap.add_argument("--check", action="store_true", help="only check every answer (CI)")
    a = ap.parse_args()
    a.wasmaot = str(Path(a.wasmaot).resolve())
    work = Path(a.work).resolve()
    os.environ["WASMAOT_CACHE_DIR"] = str(work / "cache")
    for tool in ("lighttpd", "wrk"):
        if not shutil.which(tool) and not (tool == "lighttpd" and Path("/usr/sbin/lighttpd").exists()):
            raise SystemExit(f"bench: {tool} is missing (apt-get install {tool})")
    prepare(a, work)

    lport, sport = free_port(), free_port()
    lighttpd = shutil.which("lighttpd") or "/usr/sbin/lighttpd"
    lp = subprocess.Popen([lighttpd, "-D", "-f", str(lighttpd_conf(work, lport))],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sp = subprocess.Popen([a.wasmaot, "serve", "-c", str(work / "modules.toml"),
                           "-l", f"127.0.0.1:{sport}"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    ways = [("wasmaot-serve", f"http://127.0.0.1:{sport}/hello"),
            ("lighttpd-cgi", f"http://127.0.0.1:{lport}/hello.cgi"),
            ("wasmaot-run-cgi", f"http://127.0.0.1:{lport}/run.cgi"),
            ("lighttpd-static", f"http://127.0.0.1:{lport}/static.txt")]
    failed = False
    try:
        for name, url in ways:
            body = wait_for(url)
            ok = body == BODY
            failed |= not ok
            print(f"{'PASS' if ok else 'FAIL'} {name}: {body!r}")
        if a.check:
            return 1 if failed else 0
        rows = []
        for c in [int(x) for x in a.connections.split(",")]:
            for name, url in ways:
                r = wrk(url, c, a.duration)
                rows.append((name, c, r))
                print(f"{name:16} c={c:<4} {r['rps']:>10.0f} req/s  p50 {r['p50']} ms  "
                      f"p99 {r['p99']} ms {r['errors']}", flush=True)
    finally:
        lp.terminate()
        sp.send_signal(signal.SIGTERM)
        lp.wait(30)
        _, err = sp.communicate(timeout=60)
    ready = [l for l in err.splitlines() if "instance ready" in l]
    print("\n| way | connections | requests/s | p50 ms | p99 ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, c, r in rows:
        p50 = f"{r['p50']:.2f}" if r["p50"] is not None else "-"
        p99 = f"{r['p99']:.2f}" if r["p99"] is not None else "-"
        print(f"| {name} | {c} | {r['rps']:.0f} | {p50} | {p99} |")
    by = {(n, c): r["rps"] for n, c, r in rows}
    for c in sorted({c for _, c, _ in rows}):
        serve, cgi, static = by[("wasmaot-serve", c)], by[("lighttpd-cgi", c)], by[("lighttpd-static", c)]
        print(f"\nc={c}: wasmaot serve = {serve / cgi:.1f}x lighttpd CGI, "
              f"{100 * serve / static:.0f}% of lighttpd static" if cgi and static else "")
    print("\n" + (ready[0] if ready else "(no instance-ready line)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
