/* Guest pointers and lengths that leave linear memory give FAULT, bad fds
   BADF, missing rights NOTCAPABLE; nothing is written on a fault. Needs a
   preopened directory at fd 3. */
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

int main(void) {
  uint32_t end = (uint32_t)__builtin_wasm_memory_size(0) * 65536u;
  char *edge = (char *)(uintptr_t)(end - 2);  /* 2 bytes left */
  char *past = (char *)(uintptr_t)end;
  char *huge = (char *)(uintptr_t)0xfffffff0u;
  __wasi_size_t n = 12345;
  __wasi_ciovec_t good = {(const uint8_t *)"x", 1};
  __wasi_ciovec_t bad = {(const uint8_t *)past, 1};
  __wasi_ciovec_t wrap = {(const uint8_t *)huge, 0x20};

  CHECK_WASI(__wasi_fd_write(1, &good, 1, (__wasi_size_t *)edge), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_fd_write(1, &bad, 1, &n), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_fd_write(1, &wrap, 1, &n), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_fd_write(1, (const __wasi_ciovec_t *)huge, 1, &n), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_fd_write(1, &good, 0x20000000, &n), __WASI_ERRNO_FAULT);
  CHECK(n == 12345);
  __wasi_iovec_t rbad = {(uint8_t *)edge, 4};
  CHECK_WASI(__wasi_fd_read(0, &rbad, 1, &n), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_fd_pread(3, &rbad, 1, 0, &n), __WASI_ERRNO_NOTCAPABLE);
  CHECK_WASI(__wasi_args_sizes_get((__wasi_size_t *)past, &n), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_args_get((uint8_t **)huge, (uint8_t *)huge), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_environ_get((uint8_t **)edge, (uint8_t *)edge), 0); /* no env: nothing written */
  CHECK_WASI(__wasi_clock_time_get(0, 1, (__wasi_timestamp_t *)edge), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_clock_res_get(0, (__wasi_timestamp_t *)past), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_random_get((uint8_t *)edge, 3), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_random_get((uint8_t *)edge, 2), 0);
  __wasi_fdstat_t fs;
  CHECK_WASI(__wasi_fd_fdstat_get(1, (__wasi_fdstat_t *)edge), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_fd_filestat_get(3, (__wasi_filestat_t *)huge), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_fd_prestat_get(3, (__wasi_prestat_t *)past), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_fd_prestat_dir_name(3, (uint8_t *)edge, 100), __WASI_ERRNO_FAULT);
  uint8_t name[1];
  CHECK_WASI(__wasi_fd_prestat_dir_name(3, name, 0), __WASI_ERRNO_NAMETOOLONG);
  __wasi_fd_t fd;
  CHECK_WASI(raw_path_open(3, 0, past - 1, 2, 0, 0, 0, 0, &fd), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_open(3, 0, past, 1, 0, 0, 0, 0, &fd), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_open(3, 0, "f", 1, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0,
                              (__wasi_fd_t *)edge),
             __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_open(3, 0, "a\0b", 3, 0, 0, 0, 0, &fd), __WASI_ERRNO_INVAL);
  CHECK_WASI(raw_path_create_directory(3, huge, 0x20), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_filestat_get(3, 0, ".", 1, (__wasi_filestat_t *)edge), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_readlink(3, "x", 1, (uint8_t *)edge, 10, &n), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_symlink(past, 1, 3, "s", 1), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_rename(3, "a", 1, 3, edge, 5), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_link(3, 0, "a", 1, 3, huge, 100), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_unlink_file(3, past, 1), __WASI_ERRNO_FAULT);
  CHECK_WASI(raw_path_remove_directory(3, past, 1), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_fd_readdir(3, (uint8_t *)edge, 100, 0, &n), __WASI_ERRNO_FAULT);
  __wasi_subscription_t sub;
  memset(&sub, 0, sizeof sub);
  __wasi_event_t ev;
  CHECK_WASI(__wasi_poll_oneoff(&sub, (__wasi_event_t *)edge, 1, &n), __WASI_ERRNO_FAULT);
  CHECK_WASI(__wasi_poll_oneoff((__wasi_subscription_t *)huge, &ev, 1, &n), __WASI_ERRNO_FAULT);

  /* Bad fds and missing rights. */
  CHECK_WASI(__wasi_fd_write(99, &good, 1, &n), __WASI_ERRNO_BADF);
  CHECK_WASI(__wasi_fd_fdstat_get(0xffffffffu, &fs), __WASI_ERRNO_BADF);
  CHECK_WASI(__wasi_fd_prestat_get(1, (__wasi_prestat_t *)&fs), __WASI_ERRNO_BADF);
  CHECK_WASI(raw_path_open(99, 0, "x", 1, 0, 0, 0, 0, &fd), __WASI_ERRNO_BADF);
  /* stdout is no directory (NOTDIR before any rights check, as wasmtime). */
  CHECK_WASI(raw_path_open(1, 0, "x", 1, 0, 0, 0, 0, &fd), __WASI_ERRNO_NOTDIR);
  CHECK_WASI(__wasi_fd_read(1, (__wasi_iovec_t *)&good, 1, &n), __WASI_ERRNO_NOTCAPABLE);
  CHECK_WASI(__wasi_fd_seek(3, 0, __WASI_WHENCE_SET, (__wasi_filesize_t *)&fs), __WASI_ERRNO_NOTCAPABLE);
  CHECK_WASI(__wasi_fd_seek(1, 0, 7, (__wasi_filesize_t *)&fs), __WASI_ERRNO_INVAL);
  CHECK_WASI(raw_path_open(3, 0, "f", 1, __WASI_OFLAGS_CREAT,
                              __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_PATH_OPEN, 0, 0, &fd),
             0);
  /* A file is not a directory to resolve paths in. */
  CHECK_WASI(raw_path_open(fd, 0, "x", 1, 0, 0, 0, 0, &fd), __WASI_ERRNO_NOTDIR);
  /* A directory fd without the create right cannot create. */
  __wasi_fd_t ro;
  CHECK_WASI(raw_path_open(3, 0, ".", 1, __WASI_OFLAGS_DIRECTORY,
                              __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR,
                              __WASI_RIGHTS_FD_READ, 0, &ro),
             0);
  CHECK_WASI(raw_path_open(ro, 0, "g", 1, __WASI_OFLAGS_CREAT, 0, 0, 0, &fd), __WASI_ERRNO_NOTCAPABLE);
  CHECK_WASI(raw_path_create_directory(ro, "dd", 2), __WASI_ERRNO_NOTCAPABLE);
  CHECK_WASI(raw_path_unlink_file(ro, "f", 1), __WASI_ERRNO_NOTCAPABLE);
  /* Files opened there inherit at most FD_READ. */
  CHECK_WASI(raw_path_open(ro, 0, "f", 1, 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE,
                              0, 0, &fd), 0);
  CHECK_WASI(__wasi_fd_write(fd, &good, 1, &n), __WASI_ERRNO_NOTCAPABLE);
  CHECK_WASI(__wasi_sock_recv(fd, (__wasi_iovec_t *)&good, 1, 0, &n, (__wasi_roflags_t *)&fs),
             __WASI_ERRNO_NOTSOCK);
  CHECK_WASI(__wasi_sock_shutdown(1, __WASI_SDFLAGS_WR), __WASI_ERRNO_NOTSOCK);
  DONE("faults");
}
