/* stdin to stdout, upper-cased, with a byte count on stderr. */
#include <ctype.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
  char buf[1000];
  long total = 0;
  ssize_t n;
  while ((n = read(0, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; ++i)
      buf[i] = (char)toupper((unsigned char)buf[i]);
    fwrite(buf, 1, (size_t)n, stdout);
    total += n;
  }
  fprintf(stderr, "%ld bytes\n", total);
  return n < 0 ? 1 : 0;
}
