// Pointer chasing: a singly linked list whose nodes are shuffled in memory,
// and an unbalanced binary search tree. Size: list traversals.
// (wasm32 pointers are 4 bytes, native ones 8: the wasm nodes are smaller.)
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct Node {
  struct Node *next;
  uint32_t value;
};
struct Tree {
  struct Tree *left, *right;
  uint32_t key;
};

static struct Tree *insert(struct Tree *t, struct Tree *n) {
  struct Tree **p = &t;
  while (*p)
    p = n->key < (*p)->key ? &(*p)->left : &(*p)->right;
  *p = n;
  return t;
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 200;
  const int n = 100000;
  struct Node *nodes = malloc(sizeof(struct Node) * n);
  uint32_t *perm = malloc(sizeof(uint32_t) * n);
  uint32_t seed = 99;
  for (int i = 0; i < n; i++)
    perm[i] = i;
  for (int i = n - 1; i > 0; i--) {
    seed = seed * 1664525u + 1013904223u;
    int j = (seed >> 8) % (i + 1);
    uint32_t t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  for (int i = 0; i < n; i++) {
    nodes[perm[i]].next = i + 1 < n ? &nodes[perm[i + 1]] : NULL;
    nodes[perm[i]].value = i * 3 + 1;
  }
  uint64_t sum = 0;
  for (int r = 0; r < reps; r++)
    for (struct Node *p = &nodes[perm[0]]; p; p = p->next) {
      sum += p->value ^ r;
      p->value += r & 1;
    }
  struct Tree *trees = malloc(sizeof(struct Tree) * n), *root = NULL;
  for (int i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    trees[i].left = trees[i].right = NULL;
    trees[i].key = seed >> 4;
    root = insert(root, &trees[i]);
  }
  uint32_t hits = 0;
  for (int r = 0; r < reps * 10; r++) {
    seed = seed * 1664525u + 1013904223u;
    uint32_t k = r & 1 ? trees[(seed >> 8) % n].key : seed >> 4;
    for (struct Tree *t = root; t; t = k < t->key ? t->left : t->right)
      if (t->key == k) {
        hits++;
        break;
      }
  }
  printf("pointers %llu %u\n", (unsigned long long)sum, hits);
  return 0;
}
