/* Reference values at the boundary (libs/refs.wat): an externref comes back
 * as the same pointer, null stays null, and a funcref from the guest goes
 * back in and is called; a null funcref traps in the guest only. */
#include "common.h"
#include "refs.h"

int main(void) {
  refs_instance *r = refs_new(NULL, NULL);
  CHECK(r, "refs_new: %s", wasmaot_last_error());
  int host_object = 5;
  wasmaot_externref e = (wasmaot_externref)&host_object;
  CHECK(refs_same(r, e) == e, "externref unchanged");
  CHECK(refs_is_null(r, e) == 0 && refs_is_null(r, NULL) == 1, "is_null");
  CHECK(refs_same(r, NULL) == NULL, "null externref");
  wasmaot_funcref f = refs_make(r);
  CHECK(f != NULL, "funcref");
  CHECK(refs_call(r, f) == 7 && !refs_trap(r), "call the funcref");
  CHECK(refs_call(r, NULL) == 0, "zero after a trap");
  const char *t = refs_trap(r);
  CHECK(t && strncmp(t, "uninitialized element", 21) == 0, "trap: %s",
        t ? t : "(null)");
  refs_delete(r);
  printf("ok: externref and funcref across the boundary\n");
  return 0;
}
