// AssemblyScript: clocks (Date.now, performance.now, process.hrtime, raw
// clock_res_get/clock_time_get, poll_oneoff sleeping), random
// (crypto.getRandomValues, raw random_get, Math.random seeded by the shim)
// and sched_yield. Prints only facts, not values.
import {
  clock_res_get, clock_time_get, clockid, random_get, sched_yield, poll_oneoff,
  eventtype, errno
} from "bindings/wasi_snapshot_preview1";

let failed = 0;
let checks = 0;
function check(ok: bool, what: string): void {
  checks++;
  if (!ok) { failed++; console.log("FAIL " + what); }
}

// Wall clock: after 2020-01-01, before 2100.
let now = Date.now();
check(now > 1577836800000 && now < 4102444800000, "Date.now in range");
let t1 = process.hrtime();
let p1 = performance.now();
check(p1 >= 0, "performance.now");

let buf = memory.data(64);
for (let c: u32 = 0; c < 4; c++) {
  check(clock_res_get(c, buf) == errno.SUCCESS, "clock_res_get " + c.toString());
  let res = load<u64>(buf);
  check(res > 0 && res <= 1000000000, "resolution " + c.toString());
  check(clock_time_get(c, 1, buf) == errno.SUCCESS, "clock_time_get " + c.toString());
}
check(clock_time_get(99, 1, buf) == errno.INVAL, "bad clock");
check(clock_res_get(99, buf) == errno.INVAL, "bad clock res");

// Sleep 20 ms with poll_oneoff on a relative monotonic clock subscription.
let sub = memory.data(48);      // subscription: userdata, tag, clock union at 16
store<u64>(sub, 77);
store<u8>(sub, eventtype.CLOCK, 8);
store<u32>(sub, clockid.MONOTONIC, 16);
store<u64>(sub, 20000000, 24);  // relative timeout
store<u64>(sub, 0, 32);         // precision
store<u16>(sub, 0, 40);         // flags
let ev = memory.data(32);
let nev = memory.data(8);
check(poll_oneoff(sub, ev, 1, nev) == errno.SUCCESS, "poll_oneoff");
check(load<u32>(nev) == 1, "one event");
check(load<u64>(ev) == 77, "userdata");
check(load<u16>(ev, 8) == 0, "event error");
let t2 = process.hrtime();
check(t2 - t1 >= 20000000, "slept 20 ms");
check(performance.now() - p1 >= 20, "performance.now advanced");
check(sched_yield() == errno.SUCCESS, "sched_yield");

// Random: 4 draws of 32 bytes are all different and not all zero.
let seen = new Set<string>();
for (let i = 0; i < 4; i++) {
  let a = new Uint8Array(32);
  crypto.getRandomValues(a);
  let s = "";
  for (let j = 0; j < 32; j++) s += a[j].toString(16) + ",";
  seen.add(s);
}
check(seen.size == 4, "getRandomValues differ");
let big = new Uint8Array(100000);
check(random_get(big.dataStart, 100000) == errno.SUCCESS, "random_get 100000");
let zeros = 0;
for (let i = 0; i < 100000; i++) if (big[i] == 0) zeros++;
check(zeros < 1000, "random bytes not zero (" + zeros.toString() + ")");
let rerr = random_get(<usize>memory.size() * 65536 - 50, 100);
check(rerr == errno.FAULT, "random_get past the end of memory: " + rerr.toString());
let r = Math.random();
check(r >= 0 && r < 1 && Math.random() != r, "Math.random");

console.log("as_clocks_random: " + checks.toString() + " checks, " + failed.toString() + " failed");
if (failed) process.exit(1);
