/* The guest of the embedding benchmark: exports that do nothing (the cost
 * of crossing the boundary) and, from test/embed/libs/checksum.c, one that
 * does real work. */
#include "../../test/embed/libs/checksum.c"

EXPORT(nop) void bd_nop(void) {}
EXPORT(add) int32_t bd_add(int32_t a, int32_t b) { return a + b; }
