/* A library that calls its host back: for each of n steps it asks the host
 * for a number (host.next) and reports a running digest (host.emit). Returns
 * the final digest. */
#include "export.h"
#include <stdint.h>

IMPORT(host, next) int32_t cb_host_next(int32_t step);
IMPORT(host, emit) void cb_host_emit(int32_t step, int64_t digest);

EXPORT(run) int64_t cb_run(int32_t n) {
  uint64_t digest = 1469598103934665603ull;
  for (int32_t i = 0; i < n; ++i) {
    digest ^= (uint32_t)cb_host_next(i);
    digest *= 1099511628211ull;
    if (i % 4 == 0)
      cb_host_emit(i, (int64_t)digest);
  }
  return (int64_t)digest;
}
