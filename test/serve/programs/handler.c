// One WAGI handler with many behaviours, picked by PATH_INFO (route
// /t/...), for the server's integration tests (test/serve/run_serve.py).
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void header(const char *type) { printf("content-type: %s\n\n", type); }

static void env(int argc, char **argv) {
  header("text/plain");
  for (char **e = environ; *e; ++e)
    printf("%s\n", *e);
  for (int i = 0; i < argc; ++i)
    printf("argv[%d]=%s\n", i, argv[i]);
}

static void echo(void) {
  header("application/octet-stream");
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
    fwrite(buf, 1, n, stdout);
}

static void grow(void) {
  // Past the server's --max-memory: malloc fails, and the handler says so.
  // volatile: the compiler may not assume the allocation succeeds.
  char *volatile p = malloc(512u << 20);
  if (p)
    p[(512u << 20) - 1] = 1;
  printf("status: 507\ncontent-type: text/plain\n\n%s\n",
         p ? "allocated" : "malloc failed");
}

static void volume(void) {
  header("text/plain");
  FILE *f = fopen("/data/file.txt", "r");
  char line[256] = "";
  if (f && fgets(line, sizeof line, f))
    printf("read: %s", line);
  else
    printf("read failed: %s\n", strerror(errno));
  // Outside the volume: refused.
  FILE *out = fopen("/data/../secret.txt", "r");
  printf("escape: %s\n", out ? "opened" : strerror(errno));
  FILE *abs = fopen("/etc/passwd", "r");
  printf("etc: %s\n", abs ? "opened" : strerror(errno));
}

int main(int argc, char **argv) {
  const char *path = getenv("PATH_INFO");
  if (!path)
    path = "";
  if (!strcmp(path, "/env") || !strcmp(path, ""))
    env(argc, argv);
  else if (!strcmp(path, "/echo"))
    echo();
  else if (!strcmp(path, "/trap"))
    __builtin_trap();
  else if (!strcmp(path, "/exit"))
    exit(3);
  else if (!strcmp(path, "/exit0")) {
    header("text/plain");
    printf("bye\n");
    exit(0);
  } else if (!strcmp(path, "/loop")) {
    for (volatile int i = 0;; ++i)
      ;
  } else if (!strcmp(path, "/spin")) {
    // Busy for about a second, then a normal answer (graceful shutdown).
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    do
      clock_gettime(CLOCK_MONOTONIC, &t);
    while ((t.tv_sec - t0.tv_sec) * 1000000000LL + (t.tv_nsec - t0.tv_nsec) <
           1000000000LL);
    header("text/plain");
    printf("done\n");
  } else if (!strcmp(path, "/sleep")) {
    sleep(3600);
  } else if (!strcmp(path, "/malformed"))
    printf("this is not a header\n\nbody\n");
  else if (!strcmp(path, "/notype"))
    printf("x-custom: 1\n\nbody\n");
  else if (!strcmp(path, "/redirect"))
    printf("location: /t/env\n\n");
  else if (!strcmp(path, "/status"))
    printf("status: 404 Not Here\ncontent-type: text/plain\n\nmissing\n");
  else if (!strcmp(path, "/grow"))
    grow();
  else if (!strcmp(path, "/big")) {
    header("text/plain");
    for (int i = 0; i < (2 << 20) / 64; ++i)
      printf("%063d\n", i);
  } else if (!strcmp(path, "/stderr")) {
    fprintf(stderr, "a line for the log\n");
    header("text/plain");
    printf("logged\n");
  } else if (!strcmp(path, "/volume"))
    volume();
  else if (!strcmp(path, "/counter")) {
    // A fresh instance every time: this is always 1.
    static int calls;
    header("text/plain");
    printf("%d\n", ++calls);
  } else {
    printf("status: 400\ncontent-type: text/plain\n\nunknown %s\n", path);
  }
  return 0;
}
