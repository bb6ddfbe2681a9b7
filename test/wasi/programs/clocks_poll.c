/* Clocks, poll_oneoff with clocks and fds, random, sched_yield. Standard
   input is a pipe holding "ping\n". */
#include "check.h"
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long long ns(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void) {
  struct timespec r;
  CHECK(clock_getres(CLOCK_MONOTONIC, &r) == 0 && r.tv_sec == 0 &&
        r.tv_nsec > 0 && r.tv_nsec <= 1000000);
  CHECK(clock_getres(CLOCK_REALTIME, &r) == 0);
  CHECK(ns(CLOCK_REALTIME) > 1600000000LL * 1000000000LL);
  long long m0 = ns(CLOCK_MONOTONIC);
  volatile unsigned x = 0;
  long long c0 = ns(CLOCK_PROCESS_CPUTIME_ID), t0 = ns(CLOCK_THREAD_CPUTIME_ID);
  for (unsigned i = 0; i < 20000000; ++i)
    x += i;
  CHECK(ns(CLOCK_PROCESS_CPUTIME_ID) > c0);
  CHECK(ns(CLOCK_THREAD_CPUTIME_ID) > t0);
  CHECK(ns(CLOCK_MONOTONIC) >= m0);
  __wasi_timestamp_t ts;
  CHECK_WASI(__wasi_clock_time_get(99, 1, &ts), __WASI_ERRNO_INVAL);
  CHECK_WASI(__wasi_clock_res_get(99, &ts), __WASI_ERRNO_INVAL);

  /* nanosleep is poll_oneoff with one relative clock. */
  m0 = ns(CLOCK_MONOTONIC);
  struct timespec d = {0, 50000000};
  CHECK(nanosleep(&d, NULL) == 0);
  CHECK(ns(CLOCK_MONOTONIC) - m0 >= 50000000);

  __wasi_subscription_t s[4];
  __wasi_event_t ev[4];
  __wasi_size_t n;
  memset(s, 0, sizeof s);
  /* Two clocks: only the earlier fires. */
  s[0].userdata = 11;
  s[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  s[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  s[0].u.u.clock.timeout = 20000000;
  s[1] = s[0];
  s[1].userdata = 12;
  s[1].u.u.clock.timeout = 5000000000ull;
  m0 = ns(CLOCK_MONOTONIC);
  CHECK_WASI(__wasi_poll_oneoff(s, ev, 2, &n), 0);
  CHECK(n == 1 && ev[0].userdata == 11 && ev[0].error == 0 &&
        ev[0].type == __WASI_EVENTTYPE_CLOCK);
  CHECK(ns(CLOCK_MONOTONIC) - m0 >= 20000000);
  /* An absolute deadline on the realtime clock. */
  s[0].u.u.clock.id = __WASI_CLOCKID_REALTIME;
  s[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
  s[0].u.u.clock.timeout = ns(CLOCK_REALTIME) + 30000000;
  m0 = ns(CLOCK_MONOTONIC);
  CHECK_WASI(__wasi_poll_oneoff(s, ev, 1, &n), 0);
  CHECK(n == 1 && ev[0].userdata == 11);
  CHECK(ns(CLOCK_MONOTONIC) - m0 >= 20000000);
  /* Bad clock id: an event carrying the error, at once. */
  s[0].u.u.clock.id = 77;
  CHECK_WASI(__wasi_poll_oneoff(s, ev, 1, &n), 0);
  CHECK(n == 1 && ev[0].error == __WASI_ERRNO_INVAL);
  CHECK_WASI(__wasi_poll_oneoff(s, ev, 0, &n), __WASI_ERRNO_INVAL);

  /* stdin (a pipe with data) is readable, stdout writable, fd 99 bad; the
     5 s clock does not fire. */
  memset(s, 0, sizeof s);
  s[0].userdata = 1;
  s[0].u.tag = __WASI_EVENTTYPE_FD_READ;
  s[0].u.u.fd_read.file_descriptor = 0;
  s[1].userdata = 2;
  s[1].u.tag = __WASI_EVENTTYPE_CLOCK;
  s[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  s[1].u.u.clock.timeout = 5000000000ull;
  m0 = ns(CLOCK_MONOTONIC);
  CHECK_WASI(__wasi_poll_oneoff(s, ev, 2, &n), 0);
  CHECK(n == 1 && ev[0].userdata == 1 && ev[0].error == 0 &&
        ev[0].type == __WASI_EVENTTYPE_FD_READ &&
        ev[0].fd_readwrite.nbytes == 5);
  CHECK(ns(CLOCK_MONOTONIC) - m0 < 2000000000LL);
  s[0].u.tag = __WASI_EVENTTYPE_FD_WRITE;
  s[0].u.u.fd_write.file_descriptor = 1;
  CHECK_WASI(__wasi_poll_oneoff(s, ev, 2, &n), 0);
  CHECK(n == 1 && ev[0].userdata == 1 && ev[0].type == __WASI_EVENTTYPE_FD_WRITE);
  s[0].u.u.fd_write.file_descriptor = 99;
  CHECK_WASI(__wasi_poll_oneoff(s, ev, 2, &n), 0);
  CHECK(n == 1 && ev[0].error == __WASI_ERRNO_BADF);
  char line[16];
  CHECK(read(0, line, sizeof line) == 5 && memcmp(line, "ping\n", 5) == 0);
  CHECK(read(0, line, sizeof line) == 0);

  /* random_get, sched_yield. */
  unsigned char r1[64], r2[64];
  CHECK(getentropy(r1, sizeof r1) == 0 && getentropy(r2, sizeof r2) == 0);
  CHECK(memcmp(r1, r2, sizeof r1) != 0);
  CHECK_WASI(__wasi_random_get(r1, 0), 0);
  CHECK(sched_yield() == 0);
  DONE("clocks_poll");
}
