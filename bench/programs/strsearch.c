// String search in generated text: naive search, Horspool and a counting
// scan with memchr. Size: repetitions over a 1 MiB text.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEN (1 << 20)
static char text[LEN + 1];

static int naive(const char *t, int n, const char *p, int m) {
  int c = 0;
  for (int i = 0; i + m <= n; i++) {
    int j = 0;
    while (j < m && t[i + j] == p[j])
      j++;
    c += j == m;
  }
  return c;
}

static int horspool(const char *t, int n, const char *p, int m) {
  int shift[256], c = 0;
  for (int i = 0; i < 256; i++)
    shift[i] = m;
  for (int i = 0; i < m - 1; i++)
    shift[(unsigned char)p[i]] = m - 1 - i;
  for (int i = 0; i + m <= n;) {
    unsigned char last = t[i + m - 1];
    if (last == (unsigned char)p[m - 1] && memcmp(t + i, p, m - 1) == 0)
      c++;
    i += shift[last];
  }
  return c;
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 300;
  uint32_t seed = 7;
  const char *words[] = {"wasm ", "native ", "code ", "engine ", "loop ",
                         "the ", "a ", "memory\n", "vector ", "stencil "};
  int pos = 0;
  while (pos < LEN) {
    seed = seed * 1103515245u + 12345u;
    const char *w = words[(seed >> 16) % 10];
    while (*w && pos < LEN)
      text[pos++] = *w++;
  }
  const char *pats[] = {"engine loop", "the a", "memory\nvector", "code code",
                        "stencil the wasm"};
  uint64_t total = 0;
  for (int r = 0; r < reps; r++) {
    const char *p = pats[r % 5];
    int m = (int)strlen(p);
    total += (uint64_t)naive(text, LEN, p, m) * 3;
    total += (uint64_t)horspool(text, LEN, p, m) * 5;
    int lines = 0;
    for (const char *q = text; (q = memchr(q, '\n', text + LEN - q)); q++)
      lines++;
    total += lines;
  }
  printf("strsearch %llu\n", (unsigned long long)total);
  return 0;
}
