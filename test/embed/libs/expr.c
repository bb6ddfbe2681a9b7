/* A small parser: integer expressions with + - * / % and parentheses,
 * unary minus, decimal literals and whitespace, evaluated in 64 bits.
 * expr_eval returns 0 and the value in *out, or the 1-based column of the
 * first error (division by zero included). */
#include "export.h"
#include <stdint.h>
#include <stdlib.h>

typedef struct {
  const char *s;
  int pos;
  int err;
} parser;

static void skip(parser *p) {
  while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t')
    ++p->pos;
}

static int64_t sum(parser *p);

static int64_t atom(parser *p) {
  skip(p);
  char c = p->s[p->pos];
  if (c == '-') {
    ++p->pos;
    return -atom(p);
  }
  if (c == '(') {
    ++p->pos;
    int64_t v = sum(p);
    skip(p);
    if (p->s[p->pos] != ')') {
      if (!p->err)
        p->err = p->pos + 1;
      return 0;
    }
    ++p->pos;
    return v;
  }
  if (c < '0' || c > '9') {
    if (!p->err)
      p->err = p->pos + 1;
    return 0;
  }
  uint64_t v = 0;
  while (p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
    v = v * 10 + (uint64_t)(p->s[p->pos++] - '0');
  return (int64_t)v;
}

static int64_t product(parser *p) {
  int64_t v = atom(p);
  for (;;) {
    skip(p);
    char c = p->s[p->pos];
    if (c != '*' && c != '/' && c != '%')
      return v;
    int at = ++p->pos;
    int64_t r = atom(p);
    if (c == '*')
      v = (int64_t)((uint64_t)v * (uint64_t)r);
    else if (r == 0 || (r == -1 && v == INT64_MIN)) {
      if (!p->err)
        p->err = at;
      return 0;
    } else
      v = c == '/' ? v / r : v % r;
  }
}

static int64_t sum(parser *p) {
  int64_t v = product(p);
  for (;;) {
    skip(p);
    char c = p->s[p->pos];
    if (c != '+' && c != '-')
      return v;
    ++p->pos;
    int64_t r = product(p);
    v = (int64_t)(c == '+' ? (uint64_t)v + (uint64_t)r
                           : (uint64_t)v - (uint64_t)r);
  }
}

EXPORT(lib_alloc) void *ex_alloc(uint32_t size) { return malloc(size); }
EXPORT(lib_free) void ex_free(void *p) { free(p); }

EXPORT(eval) int32_t ex_eval(const char *s, int64_t *out) {
  parser p = {s, 0, 0};
  int64_t v = sum(&p);
  skip(&p);
  if (!p.err && p.s[p.pos] != '\0')
    p.err = p.pos + 1;
  *out = p.err ? 0 : v;
  return p.err;
}
