// The raw imports a wasi-threads guest without libc needs (Debian's
// wasi-libc has no threads sysroot). Built with clang-19 --target=wasm32
// -nostdlib -matomics -mbulk-memory and linked with --shared-memory
// --import-memory: the memory is env.memory, shared by every thread.
//
// Spawned threads run on the same shadow stack as the main thread's start
// value (no libc sets __stack_pointer for them), so the code that runs on
// them keeps to scalars, which clang -O2 holds in Wasm locals: no local of
// theirs may have its address taken.
#ifndef WASM3_THREADS_H
#define WASM3_THREADS_H

#include <stdint.h>

#define IMPORT(MODULE, NAME)                                                   \
  __attribute__((import_module(MODULE), import_name(NAME)))
#define EXPORT(NAME) __attribute__((export_name(NAME)))

IMPORT("wasi", "thread-spawn") int32_t thread_spawn(int32_t arg);

typedef struct {
  const void *buf;
  uint32_t len;
} ciovec;
IMPORT("wasi_snapshot_preview1", "fd_write")
int32_t fd_write(int32_t fd, const ciovec *iovs, uint32_t n, uint32_t *written);
IMPORT("wasi_snapshot_preview1", "proc_exit") _Noreturn void proc_exit(int32_t);

static uint32_t str_len(const char *s) {
  uint32_t n = 0;
  while (s[n])
    ++n;
  return n;
}

/// Writes s and then v in decimal (when with_value) and a newline.
static void print_line(const char *s, uint64_t v, int with_value) {
  char text[128];
  uint32_t n = 0;
  for (uint32_t i = 0; s[i] && n < 100; ++i)
    text[n++] = s[i];
  if (with_value) {
    char digits[24];
    int d = 0;
    do {
      digits[d++] = (char)('0' + v % 10);
      v /= 10;
    } while (v);
    while (d)
      text[n++] = digits[--d];
  }
  text[n++] = '\n';
  ciovec io = {text, n};
  uint32_t written;
  fd_write(1, &io, 1, &written);
}

static void check(int ok, const char *what) {
  if (!ok) {
    print_line(what, 0, 0);
    proc_exit(1);
  }
}

static int32_t wait32(volatile int32_t *p, int32_t expected, int64_t ns) {
  return __builtin_wasm_memory_atomic_wait32((int32_t *)p, expected, ns);
}
static uint32_t notify(volatile int32_t *p, uint32_t count) {
  return __builtin_wasm_memory_atomic_notify((int32_t *)p, count);
}
static int32_t load(volatile int32_t *p) {
  return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

#endif
