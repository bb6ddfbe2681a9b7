/* Three sandboxed libraries in one program (one cc line): each carries its
 * own runtime, so nothing clashes at link time, and they work side by side,
 * on two threads and interleaved on one; a trap in one leaves the others
 * alone. */
#include "callbacks.h"
#include "checksum.h"
#include "common.h"
#include "expr.h"

static int32_t next(void *user, int32_t step) {
  (void)user;
  return step;
}
static void emit(void *user, int32_t step, int64_t digest) {
  (void)step, (void)digest;
  ++*(int *)user;
}

static void *use_checksum(void *arg) {
  (void)arg;
  checksum_instance *c = checksum_new(NULL, NULL);
  CHECK(c, "checksum_new: %s", wasmaot_last_error());
  for (int k = 0; k < 200; ++k) {
    int32_t p = checksum_lib_alloc(c, 9);
    memcpy(checksum_memory_memory(c, NULL) + p, "123456789", 9);
    CHECK(checksum_crc32(c, p, 9) == 0xCBF43926u, "crc32 check value");
    checksum_lib_free(c, p);
  }
  checksum_delete(c);
  return NULL;
}

static void *use_expr(void *arg) {
  (void)arg;
  expr_instance *e = expr_new(NULL, NULL);
  CHECK(e, "expr_new: %s", wasmaot_last_error());
  for (int k = 0; k < 200; ++k) {
    int32_t s = expr_lib_alloc(e, 16), out = expr_lib_alloc(e, 8);
    memcpy(expr_memory_memory(e, NULL) + s, "6 * (3 + 4)", 12);
    CHECK(expr_eval(e, s, out) == 0, "eval");
    int64_t v;
    memcpy(&v, expr_memory_memory(e, NULL) + out, 8);
    CHECK(v == 42, "6 * (3 + 4) = %lld", (long long)v);
    expr_lib_free(e, s);
    expr_lib_free(e, out);
  }
  expr_delete(e);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, use_checksum, NULL);
  pthread_create(&t2, NULL, use_expr, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  printf("ok: two libraries on two threads\n");

  /* Interleaved on one thread, a host import in the middle, a trap in one. */
  int emitted = 0;
  callbacks_imports imports = {&emitted, next, emit};
  callbacks_instance *cb = callbacks_new(&imports, NULL);
  expr_instance *e = expr_new(NULL, NULL);
  CHECK(cb && e, "new: %s", wasmaot_last_error());
  callbacks_run(cb, 400);
  CHECK(emitted == 100 && !callbacks_trap(cb), "emitted %d", emitted);
  int32_t s = expr_lib_alloc(e, 4);
  expr_eval(e, s, (int32_t)0x7FFFFFF0); /* out of its memory: a trap */
  CHECK(expr_trap(e) != NULL, "expr trapped");
  CHECK(callbacks_trap(cb) == NULL, "callbacks untouched");
  callbacks_run(cb, 4);
  CHECK(emitted == 101 && !callbacks_trap(cb), "callbacks still works");
  expr_delete(e);
  callbacks_delete(cb);
  use_checksum(NULL);
  printf("ok: interleaved, a trap in one library only\n");
  return 0;
}
