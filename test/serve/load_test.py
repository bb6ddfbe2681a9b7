#!/usr/bin/env python3
"""A load test of `wasmaot serve`: --duration seconds of requests on
loopback from --clients keep-alive connections, with --timeout 2s. 95% go
to a healthy handler and 5% to handlers that trap, grow memory past the
route's limit, print a malformed header block or exit non-zero; besides,
one request a second goes to a handler that never returns.

Checks: every request gets its status (200; 500, 507, 500, 500; 504 for the
stuck one), no healthy request fails or waits for a stuck one (each takes
less than --max-healthy-latency seconds), and the server's RSS at the end is
within 10% of its RSS after the warm-up (a fifth of the duration). Prints
the figures, PASS/FAIL lines and `N passed, N failed`.

    load_test.py --wasmaot build/bin/wasmaot --work-dir DIR [--duration 60]
"""
import argparse
import http.client
import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness import Reporter  # noqa: E402
from run_serve import Server, add_arguments, prepare  # noqa: E402

# Path, expected status, share of the requests (healthy last).
MIX = [("/t/trap", 500, 0.0125), ("/t/grow", 507, 0.0125), ("/t/malformed", 500, 0.0125),
       ("/t/exit", 500, 0.0125), ("/t/env", 200, 0.95)]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(ap)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--max-healthy-latency", type=float, default=1.0)
    a = ap.parse_args()
    rep = Reporter()
    work = prepare(a, rep)
    if work is None:
        rep.print_summary()
        return 1

    s = Server(a.wasmaot, work / "modules.toml", ["--timeout", "2s"], work)
    if s.port is None:
        rep.report("start", "the server did not start: " + " | ".join(s.err[-5:]))
        rep.print_summary()
        return 1
    lock = threading.Lock()
    counts = {}  # path -> [ok, wrong]
    wrong = []
    healthy_latencies = []
    stop_at = time.monotonic() + a.duration
    warm_rss = {}

    def record(path, status, want, latency):
        with lock:
            c = counts.setdefault(path, [0, 0])
            if status == want:
                c[0] += 1
            else:
                c[1] += 1
                if len(wrong) < 10:
                    wrong.append(f"{path}: {status}, expected {want}")
            if path == "/t/env":
                healthy_latencies.append(latency)

    def client(seed):
        rng = random.Random(seed)
        conn = s.connection(timeout=30)
        while time.monotonic() < stop_at:
            x, acc = rng.random(), 0.0
            for path, want, share in MIX:
                acc += share
                if x < acc:
                    break
            start = time.monotonic()
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                status = r.status
            except Exception as e:  # noqa: BLE001
                status = f"error {type(e).__name__}"
                conn.close()
                conn = s.connection(timeout=30)
            record(path, status, want, time.monotonic() - start)
        conn.close()

    def one_stuck():
        try:
            st, _, _ = s.request("GET", "/t/loop", timeout=30)
        except Exception as e:  # noqa: BLE001
            st = f"error {type(e).__name__}"
        record("/t/loop", st, 504, 0)

    def stuck():
        # One a second, each on its own connection, whether or not the
        # earlier ones have been answered.
        started = []
        while time.monotonic() < stop_at - 2.5:
            t = threading.Thread(target=one_stuck)
            t.start()
            started.append(t)
            time.sleep(1.0)
        for t in started:
            t.join()

    def warm():
        time.sleep(a.duration / 5)
        warm_rss["kib"] = rss_kib(s.proc.pid)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(a.clients)]
    threads += [threading.Thread(target=stuck), threading.Thread(target=warm)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    end_rss = rss_kib(s.proc.pid)
    code = s.stop()

    total = sum(ok + bad for ok, bad in counts.values())
    lat = sorted(healthy_latencies)
    q = (lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000) if lat else (lambda p: 0)
    print(f"load: {a.duration:.0f} s, {a.clients} clients, {total} requests "
          f"({total / a.duration:.0f}/s)")
    for path, (ok, bad) in sorted(counts.items()):
        print(f"  {path}: {ok} right, {bad} wrong")
    print(f"  healthy latency: p50 {q(0.5):.2f} ms, p99 {q(0.99):.2f} ms, max {q(1.0):.2f} ms")
    print(f"  server RSS: {warm_rss.get('kib', 0)} KiB after warm-up, {end_rss} KiB at the end")
    ready = [l for l in s.err if "instance ready" in l]
    if ready:
        print("  " + ready[0])

    rep.report("every-status-right", None if not wrong else "; ".join(wrong))
    rep.report("every-kind-ran", None if all(counts.get(p, [0])[0] > 0 for p, _, _ in MIX)
               and counts.get("/t/loop", [0])[0] > 0 else f"counts {counts}")
    rep.report("healthy-never-waits",
               None if lat and lat[-1] < a.max_healthy_latency
               else f"slowest healthy request {q(1.0):.0f} ms")
    w = warm_rss.get("kib", 0)
    rep.report("rss-stable", None if w and end_rss <= w * 1.10
               else f"RSS {w} KiB after warm-up, {end_rss} KiB at the end")
    rep.report("exit-0", None if code == 0 else f"exit code {code}")
    rep.print_summary()
    return rep.exit_code()


if __name__ == "__main__":
    sys.exit(main())
