// Sorting pseudo-random integers: quicksort, merge sort and an insertion
// sort for small ranges. Size: elements in thousands.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void isort(int32_t *a, int n) {
  for (int i = 1; i < n; i++) {
    int32_t v = a[i];
    int j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void qsort_i(int32_t *a, int n) {
  while (n > 16) {
    int32_t p = a[n / 2];
    int i = 0, j = n - 1;
    while (i <= j) {
      while (a[i] < p)
        i++;
      while (a[j] > p)
        j--;
      if (i <= j) {
        int32_t t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (j + 1 < n - i) {
      qsort_i(a, j + 1);
      a += i;
      n -= i;
    } else {
      qsort_i(a + i, n - i);
      n = j + 1;
    }
  }
  isort(a, n);
}

static void msort(int32_t *a, int32_t *tmp, int n) {
  if (n <= 16) {
    isort(a, n);
    return;
  }
  int h = n / 2;
  msort(a, tmp, h);
  msort(a + h, tmp, n - h);
  int i = 0, j = h, k = 0;
  while (i < h && j < n)
    tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  while (i < h)
    tmp[k++] = a[i++];
  while (j < n)
    tmp[k++] = a[j++];
  memcpy(a, tmp, sizeof(int32_t) * n);
}

int main(int argc, char **argv) {
  int n = (argc > 1 ? atoi(argv[1]) : 5000) * 1000;
  int32_t *a = malloc(sizeof(int32_t) * n), *b = malloc(sizeof(int32_t) * n),
          *tmp = malloc(sizeof(int32_t) * n);
  uint32_t seed = 42;
  for (int i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    a[i] = (int32_t)(seed >> 1) % 1000000007;
    b[i] = a[i] ^ 0x5a5a;
  }
  qsort_i(a, n);
  msort(b, tmp, n);
  uint64_t h = 0;
  for (int i = 0; i < n; i++) {
    if (i && (a[i - 1] > a[i] || b[i - 1] > b[i]))
      return 1;
    h = h * 31 + (uint32_t)a[i] + ((uint64_t)(uint32_t)b[i] << 7);
  }
  printf("sort %llu\n", (unsigned long long)h);
  return 0;
}
