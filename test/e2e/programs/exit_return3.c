// main returns 3: the exit code must be 3, and buffered output flushed.
#include <stdio.h>

int main(void) {
  printf("returning 3 from main");  // no newline: flushed by exit
  return 3;
}
