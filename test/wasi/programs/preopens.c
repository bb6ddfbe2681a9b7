/* Lists the preopened directories (fd_prestat_get / fd_prestat_dir_name). */
#include "check.h"

int main(void) {
  for (__wasi_fd_t fd = 3;; ++fd) {
    __wasi_prestat_t p;
    if (__wasi_fd_prestat_get(fd, &p) != 0)
      break;
    char name[256];
    CHECK_WASI(__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, p.u.dir.pr_name_len), 0);
    name[p.u.dir.pr_name_len] = 0;
    __wasi_fdstat_t st;
    CHECK_WASI(__wasi_fd_fdstat_get(fd, &st), 0);
    printf("fd %u: %s (%s)\n", fd, name,
           st.fs_filetype == __WASI_FILETYPE_DIRECTORY ? "dir" : "?");
  }
  DONE("preopens");
}
