// Reads all of standard input (in odd-sized chunks with fread) and prints
// line, word and byte counts, an FNV-1a hash and the longest line.
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  unsigned char buf[777];
  size_t n, bytes = 0, lines = 0, words = 0;
  int in_word = 0;
  uint64_t hash = 1469598103934665603ull;
  char line[256], longest[256] = "";
  size_t line_len = 0;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
    for (size_t i = 0; i < n; i++) {
      unsigned char c = buf[i];
      hash = (hash ^ c) * 1099511628211ull;
      bytes++;
      if (c == '\n') {
        lines++;
        line[line_len] = 0;
        if (line_len > strlen(longest))
          strcpy(longest, line);
        line_len = 0;
      } else if (line_len < sizeof line - 1) {
        line[line_len++] = (char)c;
      }
      if (isspace(c))
        in_word = 0;
      else if (!in_word)
        in_word = 1, words++;
    }
  }
  printf("%zu lines, %zu words, %zu bytes\nfnv1a %016llx\nlongest: %s\n", lines, words,
         bytes, (unsigned long long)hash, longest);
  printf("feof=%d ferror=%d\n", feof(stdin) != 0, ferror(stdin) != 0);
  return 0;
}
