/* Sockets handed over as stdin: "accept" (a listening socket: accept one
   connection, echo a greeting) or "pair" (a connected stream socket). */
#include "check.h"

static __wasi_size_t recv_text(int fd, char *buf, size_t size, __wasi_riflags_t fl) {
  __wasi_iovec_t iov = {(uint8_t *)buf, size - 1};
  __wasi_size_t n = 0;
  __wasi_roflags_t ro = 7;
  CHECK_WASI(__wasi_sock_recv(fd, &iov, 1, fl, &n, &ro), 0);
  CHECK(ro == 0);
  buf[n] = 0;
  return n;
}

static void send_text(int fd, const char *s) {
  __wasi_ciovec_t iov[2] = {{(const uint8_t *)s, strlen(s)}, {(const uint8_t *)"\n", 1}};
  __wasi_size_t n = 0;
  CHECK_WASI(__wasi_sock_send(fd, iov, 2, 0, &n), 0);
  CHECK(n == strlen(s) + 1);
}

int main(int argc, char **argv) {
  char buf[128], reply[160];
  __wasi_fdstat_t st;
  CHECK_WASI(__wasi_fd_fdstat_get(0, &st), 0);
  CHECK(st.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM);
  int fd = 0;
  if (argc > 1 && !strcmp(argv[1], "accept")) {
    __wasi_fd_t c;
    CHECK_WASI(__wasi_sock_accept(0, 0, &c), 0);
    CHECK_WASI(__wasi_sock_accept(0, 99, &c), __WASI_ERRNO_INVAL);
    fd = (int)c;
  }
  recv_text(fd, buf, 5, __WASI_RIFLAGS_RECV_PEEK);
  CHECK(!strcmp(buf, "ping"));
  recv_text(fd, buf, sizeof buf, __WASI_RIFLAGS_RECV_WAITALL & 0);
  snprintf(reply, sizeof reply, "pong:%s", buf);
  send_text(fd, reply);
  CHECK_WASI(__wasi_sock_shutdown(fd, __WASI_SDFLAGS_WR), 0);
  CHECK_WASI(__wasi_sock_shutdown(fd, 9), __WASI_ERRNO_INVAL);
  __wasi_ciovec_t iov = {(const uint8_t *)"late", 4};
  __wasi_size_t n;
  CHECK_WASI(__wasi_sock_send(fd, &iov, 1, 0, &n), __WASI_ERRNO_PIPE);
  CHECK_WASI(__wasi_sock_send(fd, &iov, 1, 5, &n), __WASI_ERRNO_INVAL);
  DONE("sock");
}
