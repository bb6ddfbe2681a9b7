/* The embedding benchmark's host: the cost of a call across the boundary
 * (an export that does nothing; one that adds), as the median over BATCHES
 * batches of 1000 calls, beside a native indirect call measured the same
 * way; then CRC-32 over SIZE bytes, native and sandboxed, median of
 * ITERATIONS runs. Prints one `key value` line each.
 *
 *   bench_host BATCHES SIZE ITERATIONS */
#include "../../test/embed/hosts/common.h"
#include "boundary.h"
#include "median.h"

NATIVE uint32_t cs_crc32(const uint8_t *p, uint32_t n);

__attribute__((noinline)) static void native_nop(void) { __asm__ volatile(""); }
__attribute__((noinline)) static int32_t native_add(int32_t a, int32_t b) {
  __asm__ volatile("");
  return a + b;
}
static void (*volatile native_nop_ptr)(void) = native_nop;
static int32_t (*volatile native_add_ptr)(int32_t, int32_t) = native_add;

enum { Batch = 1000 };

int main(int argc, char **argv) {
  CHECK(argc == 4, "usage: bench_host BATCHES SIZE ITERATIONS");
  int batches = atoi(argv[1]);
  uint32_t size = (uint32_t)atoi(argv[2]);
  int iterations = atoi(argv[3]);
  double *ns = (double *)malloc(sizeof(double) * (size_t)batches);
  boundary_instance *inst = boundary_new(NULL, NULL);
  CHECK(inst, "boundary_new: %s", wasmaot_last_error());

#define TIME_CALLS(key, CALL)                                                  \
  do {                                                                         \
    for (int b = 0; b < batches; ++b) {                                        \
      double t0 = now_ns();                                                    \
      for (int k = 0; k < Batch; ++k) {                                        \
        CALL;                                                                  \
      }                                                                        \
      ns[b] = (now_ns() - t0) / Batch;                                         \
    }                                                                          \
    printf("%s %.2f\n", key, median(ns, batches));                             \
  } while (0)

  int32_t sum = 0;
  TIME_CALLS("call_empty_export_ns", boundary_nop(inst));
  TIME_CALLS("call_native_indirect_ns", native_nop_ptr());
  TIME_CALLS("call_add_export_ns", sum += boundary_add(inst, k, sum));
  TIME_CALLS("call_native_add_indirect_ns", sum += native_add_ptr(k, sum));
  CHECK(boundary_trap(inst) == NULL, "no trap");

  uint8_t *data = (uint8_t *)malloc(size);
  fill_data(data, size, 7);
  int32_t in = boundary_lib_alloc(inst, size);
  memcpy(boundary_memory_memory(inst, NULL) + in, data, size);
  double ms_native[64], ms_lib[64];
  uint32_t crc_native = 0, crc_lib = 0;
  for (int i = 0; i < iterations; ++i) {
    double t0 = now_ns();
    crc_native = cs_crc32(data, size);
    double t1 = now_ns();
    crc_lib = (uint32_t)boundary_crc32(inst, in, size);
    ms_native[i] = (t1 - t0) / 1e6;
    ms_lib[i] = (now_ns() - t1) / 1e6;
  }
  CHECK(crc_native == crc_lib, "crc %08x, native %08x", crc_lib, crc_native);
  printf("crc %08x\n", crc_lib);
  printf("crc32_native_ms %.3f\n", median(ms_native, iterations));
  printf("crc32_library_ms %.3f\n", median(ms_lib, iterations));
  printf("checksum %d\n", (int)(sum != 0));
  boundary_delete(inst);
  return 0;
}
