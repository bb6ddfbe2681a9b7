// malloc/calloc/realloc/free, the string functions, qsort and bsearch with
// comparison functions (call_indirect in Wasm).
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }
static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct person {
  char name[16];
  int age;
};
static int cmp_person(const void *a, const void *b) {
  const struct person *p = a, *q = b;
  if (p->age != q->age)
    return p->age - q->age;
  return strcmp(p->name, q->name);
}

static uint32_t lcg(uint32_t *s) { return *s = *s * 1664525u + 1013904223u; }

int main(void) {
  // Strings.
  char buf[128];
  strcpy(buf, "Hello");
  strcat(buf, ", ");
  strncat(buf, "wasm world!!!", 10);
  printf("buf='%s' len=%zu\n", buf, strlen(buf));
  printf("strcmp: %d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0,
         strcmp("same", "same"));
  printf("strncmp=%d strchr=%s strrchr=%s strstr=%s\n",
         strncmp("abcdef", "abcxyz", 3), strchr(buf, 'w'), strrchr(buf, 'o'),
         strstr(buf, "wasm"));
  printf("strspn=%zu strcspn=%zu\n", strspn("aaabbbccc", "ab"),
         strcspn("hello world", " "));
  char tok[] = "alpha, beta,,gamma ,delta";
  for (char *t = strtok(tok, ", "); t; t = strtok(NULL, ", "))
    printf("token: %s\n", t);
  char mv[] = "0123456789";
  memmove(mv + 2, mv, 5);
  printf("memmove forward: %s\n", mv);
  memmove(mv, mv + 3, 5);
  printf("memmove backward: %s\n", mv);
  memset(mv, '#', 4);
  printf("memset: %s memcmp=%d\n", mv, memcmp("abc", "abd", 3) < 0);
  char *dup = strdup("duplicated");
  for (char *p = dup; *p; p++)
    *p = (char)toupper((unsigned char)*p);
  printf("strdup+toupper: %s\n", dup);
  free(dup);
  printf("strtol: %ld %ld %ld %lu\n", strtol("-12345", NULL, 10),
         strtol("ff", NULL, 16), strtol("0777", NULL, 0), strtoul("4000000000", NULL, 10));
  printf("atoi: %d %d\n", atoi("  42xyz"), atoi("-7"));
  int a1, a2;
  char word[16];
  int got = sscanf("10 20 thirty", "%d %d %15s", &a1, &a2, word);
  printf("sscanf got %d: %d %d %s\n", got, a1, a2, word);

  // malloc: many blocks of varied sizes, filled, checked, freed in a
  // scrambled order; realloc growth keeps contents.
  enum { N = 2000 };
  unsigned char **blocks = calloc(N, sizeof *blocks);
  size_t *sizes = malloc(N * sizeof *sizes);
  uint32_t seed = 12345;
  uint64_t sum = 0;
  for (int round = 0; round < 5; round++) {
    for (int i = 0; i < N; i++) {
      if (blocks[i] && (lcg(&seed) & 1)) {
        for (size_t k = 0; k < sizes[i]; k++)
          sum += blocks[i][k] ^ (unsigned char)k;
        free(blocks[i]);
        blocks[i] = NULL;
      }
      if (!blocks[i]) {
        sizes[i] = 1 + lcg(&seed) % 3000;
        blocks[i] = malloc(sizes[i]);
        if (!blocks[i]) {
          printf("malloc failed\n");
          return 1;
        }
        memset(blocks[i], (int)(i & 0xff), sizes[i]);
        blocks[i][0] = (unsigned char)round;
      }
    }
  }
  for (int i = 0; i < N; i++) {
    for (size_t k = 0; k < sizes[i]; k++)
      sum += blocks[i][k] ^ (unsigned char)k;
    free(blocks[i]);
  }
  free(blocks);
  free(sizes);
  printf("malloc checksum: %llu\n", (unsigned long long)sum);
  char *grow = NULL;
  size_t len = 0;
  for (int i = 0; i < 100; i++) {
    grow = realloc(grow, len + 11);
    memcpy(grow + len, "0123456789", 10);
    len += 10;
    grow[len] = 0;
  }
  printf("realloc: len=%zu strlen=%zu tail=%s\n", len, strlen(grow), grow + len - 12);
  free(grow);
  int *zeros = calloc(1000, sizeof(int));
  int nz = 0;
  for (int i = 0; i < 1000; i++)
    nz += zeros[i] != 0;
  printf("calloc nonzero: %d\n", nz);
  free(zeros);

  // qsort / bsearch.
  int nums[1000];
  for (int i = 0; i < 1000; i++)
    nums[i] = (int)(lcg(&seed) % 100000) - 50000;
  qsort(nums, 1000, sizeof(int), cmp_int);
  int sorted = 1;
  for (int i = 1; i < 1000; i++)
    sorted &= nums[i - 1] <= nums[i];
  printf("qsort ints sorted=%d first=%d last=%d median=%d\n", sorted, nums[0],
         nums[999], nums[500]);
  int key = nums[123];
  int *found = bsearch(&key, nums, 1000, sizeof(int), cmp_int);
  printf("bsearch found=%d value=%d\n", found != NULL, found ? *found : 0);
  qsort(nums, 1000, sizeof(int), cmp_int_desc);
  printf("qsort desc first=%d last=%d\n", nums[0], nums[999]);
  const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "kiwi", "apricot"};
  qsort(words, 8, sizeof(char *), cmp_str);
  for (int i = 0; i < 8; i++)
    printf("%s%c", words[i], i == 7 ? '\n' : ' ');
  struct person people[] = {{"carol", 35}, {"alice", 30}, {"bob", 30},
                            {"dave", 25}, {"eve", 35}};
  qsort(people, 5, sizeof people[0], cmp_person);
  for (int i = 0; i < 5; i++)
    printf("%s:%d ", people[i].name, people[i].age);
  printf("\n");
  return 0;
}
