// The few wasi_snapshot_preview1 imports the benchmark programs use, for a
// module translated by wasm2c with `-n bench` (wabt 1.0.32 naming). Enough
// for args, stdout/stderr and exit; every other descriptor is EBADF.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "wasm-rt-impl.h"

struct Z_wasi_snapshot_preview1_instance_t {
  wasm_rt_memory_t *memory;
  int argc;
  char **argv;
};

enum { WASI_ESUCCESS = 0, WASI_EBADF = 8, WASI_ESPIPE = 70 };

static uint8_t *mem(struct Z_wasi_snapshot_preview1_instance_t *w, u32 at,
                    u32 len) {
  if ((uint64_t)at + len > w->memory->size) {
    fprintf(stderr, "wasi-shim: out of bounds pointer\n");
    abort();
  }
  return w->memory->data + at;
}
static void put32(struct Z_wasi_snapshot_preview1_instance_t *w, u32 at,
                  uint32_t v) {
  memcpy(mem(w, at, 4), &v, 4);
}

u32 Z_wasi_snapshot_preview1Z_args_sizes_get(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 argcOut, u32 sizeOut) {
  uint32_t size = 0;
  for (int i = 0; i < w->argc; i++)
    size += (uint32_t)strlen(w->argv[i]) + 1;
  put32(w, argcOut, (uint32_t)w->argc);
  put32(w, sizeOut, size);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_args_get(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 argvOut, u32 bufOut) {
  for (int i = 0; i < w->argc; i++) {
    uint32_t len = (uint32_t)strlen(w->argv[i]) + 1;
    memcpy(mem(w, bufOut, len), w->argv[i], len);
    put32(w, argvOut + 4 * i, bufOut);
    bufOut += len;
  }
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_close(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd) {
  (void)w;
  return fd <= 2 ? WASI_ESUCCESS : WASI_EBADF;
}

u32 Z_wasi_snapshot_preview1Z_fd_fdstat_get(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u32 out) {
  if (fd > 2)
    return WASI_EBADF;
  // filetype character device (2), no flags, all rights.
  uint8_t *p = mem(w, out, 24);
  memset(p, 0, 24);
  p[0] = 2;
  memset(p + 8, 0xff, 16);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_seek(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u64 offset,
    u32 whence, u32 out) {
  (void)w, (void)offset, (void)whence, (void)out;
  return fd <= 2 ? WASI_ESPIPE : WASI_EBADF;
}

u32 Z_wasi_snapshot_preview1Z_fd_write(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u32 iovs,
    u32 iovsLen, u32 nwrittenOut) {
  if (fd != 1 && fd != 2)
    return WASI_EBADF;
  uint32_t total = 0;
  for (u32 i = 0; i < iovsLen; i++) {
    uint32_t iov[2];
    memcpy(iov, mem(w, iovs + 8 * i, 8), 8);
    const uint8_t *p = mem(w, iov[0], iov[1]);
    for (uint32_t done = 0; done < iov[1];) {
      ssize_t n = write((int)fd, p + done, iov[1] - done);
      if (n <= 0)
        return 29; // EIO
      done += (uint32_t)n;
    }
    total += iov[1];
  }
  put32(w, nwrittenOut, total);
  return WASI_ESUCCESS;
}

void Z_wasi_snapshot_preview1Z_proc_exit(
    struct Z_wasi_snapshot_preview1_instance_t *w, u32 code) {
  (void)w;
  exit((int)code);
}

int main(int argc, char **argv) {
  static Z_bench_instance_t inst;
  static struct Z_wasi_snapshot_preview1_instance_t wasi;
  wasi.argc = argc;
  wasi.argv = argv;
  wasm_rt_init();
  Z_bench_init_module();
  Z_bench_instantiate(&inst, &wasi);
  wasi.memory = Z_benchZ_memory(&inst);
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "wasm2c: trap: %s\n", wasm_rt_strerror(trap));
    return 134;
  }
  Z_benchZ__start(&inst);
  Z_bench_free(&inst);
  wasm_rt_free();
  return 0;
}
