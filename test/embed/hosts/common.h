/* What the embedding test hosts share. Each host is written in the common
 * subset of C and C++ and compiled as both; each prints "ok: ..." lines and
 * exits 0 only when everything it compared was equal. */
#ifndef EMBED_TEST_COMMON_H
#define EMBED_TEST_COMMON_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"

#ifdef __cplusplus
#define NATIVE extern "C"
#include "wasmaot/embed.hpp"
#else
#define NATIVE
#endif

#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "FAILED %s:%d: %s: ", __FILE__, __LINE__, #cond);        \
      fprintf(stderr, __VA_ARGS__);                                            \
      fprintf(stderr, "\n");                                                   \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

/* Runs fn(0..n-1) on n threads at once; returns how many returned nonzero. */
typedef void *(*thread_fn)(void *);
static int run_on_threads(thread_fn fn, int n) {
  pthread_t t[64];
  int failures = 0;
  for (long i = 0; i < n; ++i)
    CHECK(pthread_create(&t[i], NULL, fn, (void *)i) == 0, "thread %ld", i);
  for (int i = 0; i < n; ++i) {
    void *r;
    pthread_join(t[i], &r);
    failures += r != NULL;
  }
  return failures;
}

#endif
