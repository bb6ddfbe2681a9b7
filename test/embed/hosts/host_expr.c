/* The expression parser, sandboxed and native, on the same inputs (valid
 * ones, errors at known columns, division by zero, INT64_MIN / -1), then on
 * 8 threads at once. */
#include "common.h"
#include "expr.h"

NATIVE int32_t ex_eval(const char *s, int64_t *out);

static const char *const Inputs[] = {
    "1+2*3",
    " (1 + 2) * 3 ",
    "-(4 - 10) % 4",
    "123456789 * 987654321 - 5",
    "9223372036854775807 + 1",
    "((((((7))))))",
    "1 / 0",
    "(-9223372036854775807 - 1) / -1",
    "2 * (3 + ",
    "4 $ 4",
    "",
    "10 / 3 + 10 % 3 * -2 - -(-(1))",
};

static void *compare(void *arg) {
  (void)arg;
  expr_instance *inst = expr_new(NULL, NULL);
  CHECK(inst, "expr_new: %s", wasmaot_last_error());
  /* Long generated inputs too: a sum of 5000 products. */
  char *big = (char *)malloc(5000 * 12);
  size_t o = 0;
  for (int i = 0; i < 5000; ++i)
    o += (size_t)sprintf(big + o, "%s%d*%d", i ? "+" : "", i, i % 97 - 48);
  for (size_t k = 0; k <= sizeof(Inputs) / sizeof(Inputs[0]); ++k) {
    const char *s = k < sizeof(Inputs) / sizeof(Inputs[0]) ? Inputs[k] : big;
    int64_t native_value;
    int32_t native_err = ex_eval(s, &native_value);
    uint32_t n = (uint32_t)strlen(s) + 1;
    int32_t str = expr_lib_alloc(inst, n);
    int32_t out = expr_lib_alloc(inst, 8);
    uint8_t *mem = expr_memory_memory(inst, NULL);
    memcpy(mem + str, s, n);
    int32_t err = expr_eval(inst, str, out);
    int64_t value;
    memcpy(&value, expr_memory_memory(inst, NULL) + out, 8);
    CHECK(err == native_err && value == native_value,
          "'%.40s': %d %lld, native %d %lld", s, err, (long long)value,
          native_err, (long long)native_value);
    expr_lib_free(inst, str);
    expr_lib_free(inst, out);
  }
  expr_delete(inst);
  free(big);
  return NULL;
}

int main(void) {
  CHECK(compare(NULL) == NULL, "one thread");
  printf("ok: %d expressions equal to native\n",
         (int)(sizeof(Inputs) / sizeof(Inputs[0])) + 1);
  CHECK(run_on_threads(compare, 8) == 0, "8 threads");
  printf("ok: 8 threads\n");
  return 0;
}
