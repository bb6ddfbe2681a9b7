/* The library that calls back, sandboxed and native: 300,000 steps, each a
 * call of host.next and every fourth one of host.emit, with the same digests
 * in the same order; wasmaot_raise from a callback ends the guest's call and
 * the instance stays usable; 8 threads at once, each with its own user
 * state. */
#include "callbacks.h"
#include "common.h"

NATIVE int64_t cb_run(int32_t n);

typedef struct {
  uint64_t emitted; /* a digest of what emit saw */
  int32_t calls;
  int32_t raise_at; /* step at which next() raises; -1: never */
} host_state;

static int32_t next_value(int32_t step) { return step * 2654435761u >> 7; }

static int32_t host_next(void *user, int32_t step) {
  host_state *s = (host_state *)user;
  ++s->calls;
  if (step == s->raise_at)
    wasmaot_raise("the host stops at this step");
  return next_value(step);
}
static void host_emit(void *user, int32_t step, int64_t digest) {
  host_state *s = (host_state *)user;
  s->emitted = (s->emitted ^ (uint64_t)digest) * 31 + (uint32_t)step;
}

/* The native run calls these. */
static __thread host_state native_state;
NATIVE int32_t cb_host_next(int32_t step) {
  return host_next(&native_state, step);
}
NATIVE void cb_host_emit(int32_t step, int64_t digest) {
  host_emit(&native_state, step, digest);
}

enum { Steps = 300000 };

static void *compare(void *arg) {
  (void)arg;
  memset(&native_state, 0, sizeof native_state);
  native_state.raise_at = -1;
  int64_t native = cb_run(Steps);

  host_state state = {0, 0, -1};
  callbacks_imports imports = {&state, host_next, host_emit};
  callbacks_instance *inst = callbacks_new(&imports, NULL);
  CHECK(inst, "callbacks_new: %s", wasmaot_last_error());
  int64_t sandboxed = callbacks_run(inst, Steps);
  CHECK(callbacks_trap(inst) == NULL, "trap %s", callbacks_trap(inst));
  CHECK(sandboxed == native && state.emitted == native_state.emitted &&
            state.calls == Steps,
        "digest %llx, native %llx", (long long)sandboxed, (long long)native);

  state.raise_at = 1000;
  state.calls = 0;
  CHECK(callbacks_run(inst, Steps) == 0, "zero after a raise");
  const char *why = callbacks_trap(inst);
  CHECK(why && strcmp(why, "the host stops at this step") == 0, "raise: %s",
        why ? why : "(null)");
  CHECK(state.calls == 1001, "calls after raise: %d", state.calls);
  state.raise_at = -1;
  CHECK(callbacks_run(inst, 10) == cb_run(10), "usable after a raise");
  CHECK(callbacks_trap(inst) == NULL, "trap cleared");
  callbacks_delete(inst);
  return NULL;
}

int main(void) {
  CHECK(compare(NULL) == NULL, "one thread");
  printf("ok: %d callbacks equal to native, raise\n", Steps + Steps / 4);
  CHECK(run_on_threads(compare, 8) == 0, "8 threads");
  printf("ok: 8 threads\n");
  return 0;
}
