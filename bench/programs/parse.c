// Parsing: generates a JSON-like text of nested arrays, objects, numbers and
// strings, then tokenises and parses it with a recursive-descent parser that
// sums the numbers and hashes the keys. Size: parse rounds.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *buf;
static int cap, len;
static uint32_t seed = 17;

static uint32_t rnd(void) {
  seed = seed * 1103515245u + 12345u;
  return seed >> 8;
}
static void put(const char *s) {
  int l = (int)strlen(s);
  if (len + l + 1 > cap) {
    cap = cap * 2 + l + 64;
    buf = realloc(buf, cap);
  }
  memcpy(buf + len, s, l + 1);
  len += l;
}
static void gen(int depth) {
  char tmp[32];
  uint32_t r = rnd() % 10;
  if (depth > 5 || r < 4) {
    if (r & 1) {
      snprintf(tmp, sizeof tmp, "%d", (int)(rnd() % 200000) - 100000);
      put(tmp);
    } else {
      snprintf(tmp, sizeof tmp, "\"s%u\"", rnd() % 1000);
      put(tmp);
    }
  } else if (r < 7) {
    put("[");
    int n = rnd() % 6 + 1;
    for (int i = 0; i < n; i++) {
      if (i)
        put(", ");
      gen(depth + 1);
    }
    put("]");
  } else {
    put("{");
    int n = rnd() % 5 + 1;
    for (int i = 0; i < n; i++) {
      snprintf(tmp, sizeof tmp, "%s\"key%u\": ", i ? ", " : "", rnd() % 50);
      put(tmp);
      gen(depth + 1);
    }
    put("}");
  }
}

static const char *p;
static int64_t numSum;
static uint32_t keyHash, count;

static void ws(void) {
  while (*p == ' ' || *p == '\n')
    p++;
}
static int value(void);
static uint32_t str(void) {
  uint32_t h = 2166136261u;
  p++;
  while (*p != '"')
    h = (h ^ (uint8_t)*p++) * 16777619u;
  p++;
  return h;
}
static int value(void) {
  ws();
  count++;
  if (*p == '[') {
    p++;
    ws();
    if (*p == ']')
      return p++, 1;
    for (;;) {
      if (!value())
        return 0;
      ws();
      if (*p == ',') {
        p++;
        continue;
      }
      if (*p == ']')
        return p++, 1;
      return 0;
    }
  }
  if (*p == '{') {
    p++;
    for (;;) {
      ws();
      if (*p != '"')
        return 0;
      keyHash += str();
      ws();
      if (*p++ != ':' || !value())
        return 0;
      ws();
      if (*p == ',') {
        p++;
        continue;
      }
      if (*p == '}')
        return p++, 1;
      return 0;
    }
  }
  if (*p == '"') {
    keyHash ^= str();
    return 1;
  }
  int neg = *p == '-';
  if (neg)
    p++;
  if (*p < '0' || *p > '9')
    return 0;
  int64_t v = 0;
  while (*p >= '0' && *p <= '9')
    v = v * 10 + (*p++ - '0');
  numSum += neg ? -v : v;
  return 1;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 100;
  put("[");
  for (int i = 0; i < 4000; i++) {
    put(i ? ",\n" : "");
    gen(0);
  }
  put("]");
  for (int r = 0; r < rounds; r++) {
    p = buf;
    if (!value()) {
      printf("parse error at %d\n", (int)(p - buf));
      return 1;
    }
  }
  printf("parse %d %lld %u %u\n", len, (long long)numSum, keyHash, count);
  return 0;
}
