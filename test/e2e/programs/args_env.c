// Prints argc, every argv, the whole environment (sorted, so that the order
// in which the host passes it does not matter), and getenv() of every name
// given after "--getenv".
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  int getenv_from = argc;
  for (int i = 0; i < argc; i++) {
    printf("argv[%d]=[%s]\n", i, argv[i]);
    if (i > 0 && getenv_from == argc && strcmp(argv[i], "--getenv") == 0)
      getenv_from = i + 1;
  }
  int n = 0;
  while (environ && environ[n])
    n++;
  char **sorted = malloc((n + 1) * sizeof *sorted);
  memcpy(sorted, environ, n * sizeof *sorted);
  qsort(sorted, n, sizeof *sorted, cmp);
  printf("environ has %d entries\n", n);
  for (int i = 0; i < n; i++)
    printf("env: [%s]\n", sorted[i]);
  free(sorted);
  for (int i = getenv_from; i < argc; i++) {
    const char *v = getenv(argv[i]);
    printf("getenv(%s) = %s%s%s\n", argv[i], v ? "[" : "", v ? v : "(unset)",
           v ? "]" : "");
  }
  return 0;
}
