/* Without grants there is no file system at all. */
#include "check.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
  __wasi_prestat_t p;
  CHECK_WASI(__wasi_fd_prestat_get(3, &p), __WASI_ERRNO_BADF);
  CHECK(fopen("x", "w") == NULL);
  CHECK(fopen("/etc/passwd", "r") == NULL);
  CHECK(opendir(".") == NULL);
  CHECK(opendir("/") == NULL);
  struct stat st;
  CHECK(stat("/", &st) == -1);
  CHECK(mkdir("d", 0755) == -1);
  CHECK(getenv("HOME") == NULL && getenv("PATH") == NULL);
  DONE("nofs");
}
