/* The checksum library, sandboxed and native, on 3 MiB of data: the same
 * CRC-32, Adler-32 and run-length coding byte for byte, then again on 8
 * threads at once, each with its own instance. */
#include "checksum.h"
#include "common.h"

NATIVE uint32_t cs_crc32(const uint8_t *p, uint32_t n);
NATIVE uint32_t cs_adler32(const uint8_t *p, uint32_t n);
NATIVE uint32_t cs_rle_encode(const uint8_t *in, uint32_t n, uint8_t *out);

enum { Size = 3 << 20 };

/* One full comparison in a new instance; NULL when all is equal. */
static void *compare(void *arg) {
  uint32_t seed = (uint32_t)(uintptr_t)arg;
  uint8_t *data = (uint8_t *)malloc(Size);
  uint8_t *coded = (uint8_t *)malloc(Size + Size / 127 + 2);
  fill_data(data, Size, seed);
  uint32_t crc = cs_crc32(data, Size), adler = cs_adler32(data, Size);
  uint32_t coded_len = cs_rle_encode(data, Size, coded);

  checksum_instance *inst = checksum_new(NULL, NULL);
  CHECK(inst, "checksum_new: %s", wasmaot_last_error());
#ifdef __cplusplus
  /* C++: the instance is owned, deleted at the end of the scope. */
  wasmaot::instance_ptr<checksum_instance, checksum_delete> owner(inst);
#endif
  int32_t in = checksum_lib_alloc(inst, Size);
  int32_t out = checksum_lib_alloc(inst, Size + Size / 127 + 2);
  int32_t back = checksum_lib_alloc(inst, Size);
  CHECK(in && out && back, "lib_alloc");
  uint64_t mem_size;
  uint8_t *mem = checksum_memory_memory(inst, &mem_size);
  CHECK((uint64_t)back + Size <= mem_size, "buffers in memory");
  memcpy(mem + in, data, Size);

  CHECK(checksum_crc32(inst, in, Size) == crc, "crc32");
  CHECK(checksum_adler32(inst, in, Size) == adler, "adler32");
  uint32_t len = (uint32_t)checksum_rle_encode(inst, in, Size, out);
  mem = checksum_memory_memory(inst, &mem_size);
  CHECK(len == coded_len && memcmp(mem + out, coded, len) == 0,
        "rle_encode: %u bytes, native %u", len, coded_len);
  uint32_t decoded = (uint32_t)checksum_rle_decode(inst, out, len, back);
  mem = checksum_memory_memory(inst, &mem_size);
  CHECK(decoded == Size && memcmp(mem + back, data, Size) == 0, "rle_decode");
  CHECK(checksum_trap(inst) == NULL, "no trap");
#ifndef __cplusplus
  checksum_delete(inst);
#endif
  free(data);
  free(coded);
  return NULL;
}

int main(void) {
  CHECK(compare((void *)7) == NULL, "one thread");
  printf("ok: crc32, adler32, rle of 3 MiB equal to native\n");
  CHECK(run_on_threads(compare, 8) == 0, "8 threads");
  printf("ok: 8 threads\n");
  return 0;
}
