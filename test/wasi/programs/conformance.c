/* Where wasmaot once answered differently from wasmtime, whose behaviour the
   WASI test suites follow: a call on the wrong kind of descriptor gets that
   kind's errno (NOTSOCK, NOTDIR), not NOTCAPABLE; every descriptor carries
   only rights its kind can use; a preopen reopened as "." with its own rights
   is a new directory fd; a symlink with an absolute target is refused.
   Run with a directory granted as fd 3 (files may be created there). */
#include "check.h"

#define ROOT 3

/* Rights no directory can use. */
static const __wasi_rights_t NOT_FOR_DIRS =
    __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |
    __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_ALLOCATE |
    __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_POLL_FD_READWRITE |
    __WASI_RIGHTS_SOCK_SHUTDOWN | __WASI_RIGHTS_SOCK_ACCEPT;
/* Rights no regular file can use. */
static const __wasi_rights_t NOT_FOR_FILES =
    __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR |
    __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_CREATE_DIRECTORY |
    __WASI_RIGHTS_PATH_SYMLINK | __WASI_RIGHTS_PATH_UNLINK_FILE |
    __WASI_RIGHTS_SOCK_SHUTDOWN | __WASI_RIGHTS_SOCK_ACCEPT;
static const __wasi_rights_t ALL = ~(__wasi_rights_t)0;

static __wasi_fdstat_t fdstat(__wasi_fd_t fd) {
  __wasi_fdstat_t st;
  memset(&st, 0xff, sizeof st);
  CHECK_WASI(__wasi_fd_fdstat_get(fd, &st), 0);
  return st;
}

int main(void) {
  /* The preopen: a directory's rights only, and those it needs. */
  __wasi_fdstat_t root = fdstat(ROOT);
  CHECK(root.fs_filetype == __WASI_FILETYPE_DIRECTORY);
  CHECK((root.fs_rights_base & NOT_FOR_DIRS) == 0);
  CHECK((root.fs_rights_base & (__WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR |
                                __WASI_RIGHTS_PATH_CREATE_FILE)) ==
        (__WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR |
         __WASI_RIGHTS_PATH_CREATE_FILE));

  /* "." reopened with exactly the preopen's rights: a new directory fd. */
  __wasi_fd_t dot = 0;
  CHECK_WASI(raw_path_open(ROOT, 0, ".", 1, 0, root.fs_rights_base,
                           root.fs_rights_inheriting, 0, &dot), 0);
  CHECK(dot > ROOT);
  __wasi_fdstat_t d = fdstat(dot);
  CHECK(d.fs_filetype == __WASI_FILETYPE_DIRECTORY);
  CHECK(d.fs_rights_base == root.fs_rights_base);
  CHECK_WASI(raw_path_open(dot, 0, "made_in_dot", 11, __WASI_OFLAGS_CREAT,
                           __WASI_RIGHTS_FD_WRITE, 0, 0, &(__wasi_fd_t){0}), 0);
  /* Asked for every right, as a directory: still only a directory's. */
  __wasi_fd_t all = 0;
  CHECK_WASI(raw_path_open(ROOT, 0, ".", 1, __WASI_OFLAGS_DIRECTORY, ALL, ALL, 0, &all), 0);
  d = fdstat(all);
  CHECK(d.fs_filetype == __WASI_FILETYPE_DIRECTORY);
  CHECK((d.fs_rights_base & NOT_FOR_DIRS) == 0);
  CHECK((d.fs_rights_inheriting & (__WASI_RIGHTS_SOCK_SHUTDOWN | __WASI_RIGHTS_SOCK_ACCEPT)) == 0);
  /* A directory is still not opened for writing. */
  CHECK_WASI(raw_path_open(ROOT, 0, ".", 1, 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &(__wasi_fd_t){0}),
             __WASI_ERRNO_ISDIR);

  /* A regular file asked for every right: a file's rights, none to pass on. */
  __wasi_fd_t file = 0;
  CHECK_WASI(raw_path_open(ROOT, 0, "f", 1, __WASI_OFLAGS_CREAT, ALL, ALL, 0, &file), 0);
  __wasi_fdstat_t f = fdstat(file);
  CHECK(f.fs_filetype == __WASI_FILETYPE_REGULAR_FILE);
  CHECK((f.fs_rights_base & NOT_FOR_FILES) == 0);
  CHECK((f.fs_rights_base & (__WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL |
                             __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)) ==
        (__WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_READ |
         __WASI_RIGHTS_FD_WRITE));
  CHECK(f.fs_rights_inheriting == 0);

  /* sock_* on what is not a socket: NOTSOCK, whatever rights it lacks. */
  char byte = 'x';
  __wasi_ciovec_t out = {(const uint8_t *)&byte, 1};
  __wasi_iovec_t in = {(uint8_t *)&byte, 1};
  size_t n;
  __wasi_roflags_t roflags;
  CHECK_WASI(__wasi_sock_shutdown(file, __WASI_SDFLAGS_WR), __WASI_ERRNO_NOTSOCK);
  CHECK_WASI(__wasi_sock_shutdown(ROOT, __WASI_SDFLAGS_RD), __WASI_ERRNO_NOTSOCK);
  CHECK_WASI(__wasi_sock_send(file, &out, 1, 0, &n), __WASI_ERRNO_NOTSOCK);
  CHECK_WASI(__wasi_sock_recv(file, &in, 1, 0, &n, &roflags), __WASI_ERRNO_NOTSOCK);
  CHECK_WASI(__wasi_sock_accept(file, 0, &(__wasi_fd_t){0}), __WASI_ERRNO_NOTSOCK);
  CHECK_WASI(__wasi_sock_shutdown(99, __WASI_SDFLAGS_WR), __WASI_ERRNO_BADF);

  /* Directory functions on a file: NOTDIR, whatever rights it lacks. */
  uint8_t buf[256];
  CHECK_WASI(__wasi_fd_readdir(file, buf, sizeof buf, 0, &n), __WASI_ERRNO_NOTDIR);
  CHECK_WASI(raw_path_open(file, 0, "x", 1, 0, 0, 0, 0, &(__wasi_fd_t){0}), __WASI_ERRNO_NOTDIR);
  CHECK_WASI(raw_path_create_directory(file, "d", 1), __WASI_ERRNO_NOTDIR);
  CHECK_WASI(raw_path_symlink("f", 1, file, "l", 1), __WASI_ERRNO_NOTDIR);

  /* A symlink with an absolute target is refused; a relative one is made. */
  CHECK_WASI(raw_path_symlink("/etc", 4, ROOT, "abs", 3), __WASI_ERRNO_PERM);
  CHECK_WASI(raw_path_symlink("/", 1, ROOT, "abs", 3), __WASI_ERRNO_PERM);
  CHECK_WASI(raw_path_symlink("//etc/passwd", 12, ROOT, "abs", 3), __WASI_ERRNO_PERM);
  __wasi_filestat_t fs;
  CHECK_WASI(raw_path_filestat_get(ROOT, 0, "abs", 3, &fs), __WASI_ERRNO_NOENT);
  CHECK_WASI(raw_path_symlink("f", 1, ROOT, "rel", 3), 0);
  CHECK_WASI(raw_path_filestat_get(ROOT, 0, "rel", 3, &fs), 0);
  CHECK(fs.filetype == __WASI_FILETYPE_SYMBOLIC_LINK);
  DONE("conformance");
}
