// Prints its arguments and the variables named A and HOME, for the grant tests.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  for (int i = 0; i < argc; ++i)
    printf("argv[%d]=%s\n", i, argv[i]);
  const char *a = getenv("A"), *home = getenv("HOME");
  printf("A=%s HOME=%s\n", a ? a : "(unset)", home ? home : "(unset)");
  return argc == 1 ? 0 : 5;
}
