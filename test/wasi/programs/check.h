/* Self-checking helpers for the WASI test programs: every CHECK is counted,
   a failing one prints a line naming it, and DONE prints the totals (the
   harness compares stdout, so a failure also shows up there). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

/* The raw preview1 imports that take (pointer, length) strings: this
   wasi-libc's __wasi_path_* take NUL-terminated strings, and the tests need
   to pass any pointer and length. */
#define RAW(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
int raw_path_open(__wasi_fd_t, __wasi_lookupflags_t, const char *, size_t, __wasi_oflags_t,
                  __wasi_rights_t, __wasi_rights_t, __wasi_fdflags_t, __wasi_fd_t *) RAW(path_open);
int raw_path_create_directory(__wasi_fd_t, const char *, size_t) RAW(path_create_directory);
int raw_path_filestat_get(__wasi_fd_t, __wasi_lookupflags_t, const char *, size_t,
                          __wasi_filestat_t *) RAW(path_filestat_get);
int raw_path_filestat_set_times(__wasi_fd_t, __wasi_lookupflags_t, const char *, size_t,
                                __wasi_timestamp_t, __wasi_timestamp_t,
                                __wasi_fstflags_t) RAW(path_filestat_set_times);
int raw_path_link(__wasi_fd_t, __wasi_lookupflags_t, const char *, size_t, __wasi_fd_t,
                  const char *, size_t) RAW(path_link);
int raw_path_readlink(__wasi_fd_t, const char *, size_t, uint8_t *, size_t,
                      __wasi_size_t *) RAW(path_readlink);
int raw_path_remove_directory(__wasi_fd_t, const char *, size_t) RAW(path_remove_directory);
int raw_path_rename(__wasi_fd_t, const char *, size_t, __wasi_fd_t, const char *,
                    size_t) RAW(path_rename);
int raw_path_symlink(const char *, size_t, __wasi_fd_t, const char *, size_t) RAW(path_symlink);
int raw_path_unlink_file(__wasi_fd_t, const char *, size_t) RAW(path_unlink_file);
int raw_proc_raise(int) RAW(proc_raise);

static int checks, failures;
#define SIGNAL_NONE 0
#define SIGNAL_TERM 15
#define SIGNAL_CHLD 16
#define SIGNAL_WINCH 27

#define CHECK(c)                                                               \
  do {                                                                         \
    ++checks;                                                                  \
    if (!(c)) {                                                                \
      ++failures;                                                              \
      printf("FAIL line %d: %s (errno %d: %s)\n", __LINE__, #c, errno,        \
             strerror(errno));                                                 \
    }                                                                          \
  } while (0)

/* A libc call that must fail with errno E. */
#define CHECK_ERR(expr, E)                                                     \
  do {                                                                         \
    ++checks;                                                                  \
    errno = 0;                                                                 \
    long r_ = (long)(expr);                                                    \
    if (r_ != -1 || errno != (E)) {                                            \
      ++failures;                                                              \
      printf("FAIL line %d: %s gave %ld, errno %d (%s), wanted errno %d\n",    \
             __LINE__, #expr, r_, errno, strerror(errno), (int)(E));           \
    }                                                                          \
  } while (0)

/* A raw WASI call that must return errno E (0: success). */
#define CHECK_WASI(expr, E)                                                    \
  do {                                                                         \
    ++checks;                                                                  \
    int e_ = (int)(expr);                                                      \
    if (e_ != (E)) {                                                           \
      ++failures;                                                              \
      printf("FAIL line %d: %s returned %d, wanted %d\n", __LINE__, #expr,     \
             e_, (int)(E));                                                    \
    }                                                                          \
  } while (0)

#define DONE(name)                                                             \
  do {                                                                         \
    printf("%s: %d checks, %d failed\n", name, checks, failures);              \
    return failures ? 1 : 0;                                                   \
  } while (0)

static inline int read_file(const char *path, char *buf, size_t size) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  size_t n = fread(buf, 1, size - 1, f);
  buf[n] = 0;
  fclose(f);
  return (int)n;
}
