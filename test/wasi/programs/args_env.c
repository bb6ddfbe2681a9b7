/* Arguments as given, only the granted environment, proc_exit code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
extern char **environ;

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i)
    printf("arg %d: [%s]\n", i, argv[i]);
  int n = 0;
  for (char **e = environ; *e; ++e, ++n)
    printf("env: [%s]\n", *e);
  printf("%d args, %d env\n", argc - 1, n);
  fflush(stdout);
  exit(argc > 1 && !strcmp(argv[1], "exit42") ? 42 : 0);
}
