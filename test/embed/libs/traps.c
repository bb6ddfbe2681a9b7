/* A library that misbehaves on request: out-of-bounds access, division by
 * zero, endless recursion, proc_exit; and one that uses WASI (its standard
 * output, arguments and environment). */
#include "export.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

EXPORT(load) int32_t tr_load(uint32_t addr) {
  return *(volatile int32_t *)(uintptr_t)addr;
}

EXPORT(store) void tr_store(uint32_t addr, int32_t v) {
  *(volatile int32_t *)(uintptr_t)addr = v;
}

EXPORT(divide) int32_t tr_divide(int32_t a, int32_t b) {
  volatile int32_t d = b;
  return a / d;
}

/* Endless, and no loop can replace it (two calls, no frame in linear
 * memory): the native stack runs out. */
EXPORT(recurse) int32_t tr_recurse(int32_t n) {
  if (n < 0)
    return 0;
  return tr_recurse(n + 1) * 3 + tr_recurse(n + 2);
}

EXPORT(quit) void tr_quit(int32_t code) { exit(code); }

extern char **environ;

/* Prints its arguments and environment to standard output. */
EXPORT(say) int32_t tr_say(void) {
  int n = 0;
  char buf[64];
  FILE *f = fopen("/proc/self/cmdline", "r"); /* never granted */
  n += printf("opened /proc: %s\n", f ? "yes" : "no");
  for (char **e = environ; *e; ++e)
    n += printf("env %s\n", *e);
  FILE *g = fopen("/data/in.txt", "r");
  if (g && fgets(buf, sizeof buf, g))
    n += printf("read %s", buf);
  fflush(stdout);
  return n;
}
