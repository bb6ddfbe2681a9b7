// 100 000-deep recursion (not a tail call: the result is combined after the
// call in a way that cannot be turned into an accumulator), plus a recursive
// walk of a 100 000-node degenerate tree (a linked list) on the heap.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

volatile uint32_t salt = 0x9e3779b9u;

__attribute__((noinline)) static uint32_t deep(uint32_t n) {
  if (n == 0)
    return salt;
  uint32_t r = deep(n - 1);
  return (r * 31u + n) ^ (r >> 7);
}

struct node {
  struct node *next;
  uint32_t value;
};

__attribute__((noinline)) static uint64_t walk(const struct node *p, uint32_t depth) {
  if (!p)
    return depth;
  uint64_t below = walk(p->next, depth + 1);
  return below * 3 + p->value + (below >> 40);
}

int main(void) {
  for (uint32_t n = 1000; n <= 100000; n *= 10)
    printf("deep(%u) = %08x\n", n, deep(n));
  enum { LEN = 100000 };
  struct node *head = NULL;
  for (uint32_t i = 0; i < LEN; i++) {
    struct node *n = malloc(sizeof *n);
    n->next = head;
    n->value = i * 2654435761u;
    head = n;
  }
  printf("walk = %llu\n", (unsigned long long)walk(head, 0));
  while (head) {
    struct node *n = head->next;
    free(head);
    head = n;
  }
  return 0;
}
