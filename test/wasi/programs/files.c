/* Files: create, write, read, seek/tell, pread/pwrite, truncate, allocate,
   advise, sync, append and fdstat flags, renumber, rights, times, errors. */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
  char buf[256];
  int fd = open("f.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  CHECK(fd >= 3);
  CHECK(write(fd, "hello world\n", 12) == 12);
  CHECK(lseek(fd, 0, SEEK_CUR) == 12);           /* fd_tell */
  CHECK(pwrite(fd, "HELLO", 5, 0) == 5);         /* fd_pwrite */
  CHECK(lseek(fd, 0, SEEK_CUR) == 12);           /* pwrite keeps the offset */
  struct stat st;
  CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 12);
  CHECK(ftruncate(fd, 5) == 0);                  /* fd_filestat_set_size */
  CHECK(fstat(fd, &st) == 0 && st.st_size == 5);
  CHECK(posix_fallocate(fd, 0, 4096) == 0);      /* fd_allocate */
  CHECK(fstat(fd, &st) == 0 && st.st_size == 4096);
  CHECK(ftruncate(fd, 5) == 0);
  CHECK(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL) == 0); /* fd_advise */
  CHECK(posix_fadvise(fd, 0, 0, 99) == EINVAL);
  CHECK(fsync(fd) == 0);                         /* fd_sync */
  CHECK(fdatasync(fd) == 0);                     /* fd_datasync */
  CHECK_ERR(read(fd, buf, 1), EBADF);   /* opened write-only (libc: NOTCAPABLE is EBADF) */
  CHECK(close(fd) == 0);
  CHECK_ERR(close(fd), EBADF);

  fd = open("f.txt", O_RDONLY);
  CHECK(fd >= 3);
  CHECK(read(fd, buf, sizeof buf) == 5 && memcmp(buf, "HELLO", 5) == 0);
  CHECK(read(fd, buf, sizeof buf) == 0);         /* end of file */
  CHECK(pread(fd, buf, 3, 1) == 3 && memcmp(buf, "ELL", 3) == 0);
  CHECK(lseek(fd, -2, SEEK_END) == 3);
  CHECK(read(fd, buf, 2) == 2 && memcmp(buf, "LO", 2) == 0);
  CHECK(lseek(fd, 1, SEEK_SET) == 1);
  struct iovec iov[2] = {{buf, 2}, {buf + 10, 2}};
  CHECK(readv(fd, iov, 2) == 4 && memcmp(buf, "EL", 2) == 0 &&
        memcmp(buf + 10, "LO", 2) == 0);
  CHECK_ERR(lseek(fd, -10, SEEK_SET), EINVAL);
  CHECK_ERR(write(fd, "x", 1), EBADF);            /* no write right */
  __wasi_ciovec_t x = {(const uint8_t *)"x", 1};
  __wasi_size_t nw;
  CHECK_WASI(__wasi_fd_write(fd, &x, 1, &nw), __WASI_ERRNO_NOTCAPABLE);
  CHECK(close(fd) == 0);

  fd = open("f.txt", O_WRONLY | O_APPEND);
  CHECK(fd >= 3);
  CHECK((fcntl(fd, F_GETFL) & O_APPEND) != 0);  /* fd_fdstat_get */
  CHECK(write(fd, "XY", 2) == 2);
  CHECK(fstat(fd, &st) == 0 && st.st_size == 7);
  CHECK(fcntl(fd, F_SETFL, 0) == 0);             /* fd_fdstat_set_flags */
  CHECK((fcntl(fd, F_GETFL) & O_APPEND) == 0);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  struct iovec wv[2] = {{"Z", 1}, {"e", 1}};
  CHECK(writev(fd, wv, 2) == 2);
  /* futimens: fd_filestat_set_times */
  struct timespec ts[2] = {{1000, 2}, {3000, 4}};
  CHECK(futimens(fd, ts) == 0);
  CHECK(fstat(fd, &st) == 0 && st.st_atim.tv_sec == 1000 &&
        st.st_atim.tv_nsec == 2 && st.st_mtim.tv_sec == 3000 &&
        st.st_mtim.tv_nsec == 4);
  /* atime kept, mtime now (raw: this wasi-libc's futimens refuses
     UTIME_OMIT). */
  CHECK_WASI(__wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_MTIM_NOW), 0);
  CHECK_WASI(__wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
             __WASI_ERRNO_INVAL);
  CHECK(fstat(fd, &st) == 0 && st.st_atim.tv_sec == 1000 &&
        st.st_mtim.tv_sec > 1600000000);
  CHECK(close(fd) == 0);
  CHECK(read_file("f.txt", buf, sizeof buf) == 7 && strcmp(buf, "ZeLLOXY") == 0);

  /* Errors. */
  CHECK_ERR(open("f.txt", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
  CHECK_ERR(open("missing", O_RDONLY), ENOENT);
  CHECK_ERR(open("f.txt/x", O_RDONLY), ENOTDIR);
  CHECK_ERR(open(".", O_WRONLY), EISDIR);
  CHECK_ERR(open("f.txt", O_RDONLY | O_DIRECTORY), ENOTDIR);

  /* fd_renumber, fd_fdstat_get, fd_fdstat_set_rights (raw). */
  int a = open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  int b = open("b.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(a >= 3 && b >= 3);
  CHECK(write(a, "from a", 6) == 6);
  CHECK_WASI(__wasi_fd_renumber(a, b), 0);
  CHECK(lseek(b, 0, SEEK_SET) == 0 && read(b, buf, 6) == 6 &&
        memcmp(buf, "from a", 6) == 0);
  CHECK_WASI(__wasi_fd_close(a), __WASI_ERRNO_BADF);
  CHECK_WASI(__wasi_fd_renumber(b, 1000), __WASI_ERRNO_BADF);
  __wasi_fdstat_t fs;
  CHECK_WASI(__wasi_fd_fdstat_get(b, &fs), 0);
  CHECK(fs.fs_filetype == __WASI_FILETYPE_REGULAR_FILE);
  CHECK((fs.fs_rights_base & __WASI_RIGHTS_FD_READ) != 0);
  CHECK_WASI(__wasi_fd_fdstat_set_rights(
                 b, fs.fs_rights_base & ~__WASI_RIGHTS_FD_READ, 0),
             0);
  CHECK_ERR(read(b, buf, 1), EBADF);
  CHECK_WASI(__wasi_fd_fdstat_set_rights(b, fs.fs_rights_base, 0),
             __WASI_ERRNO_NOTCAPABLE);           /* rights only shrink */
  CHECK(close(b) == 0);
  CHECK(unlink("b.txt") == 0);
  CHECK_ERR(unlink("b.txt"), ENOENT);
  DONE("files");
}
