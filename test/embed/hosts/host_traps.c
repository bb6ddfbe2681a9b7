/* Traps come back to the host as a status and the instance stays usable:
 * out-of-bounds loads and stores (the host's memory next to the guest's is
 * unchanged), division by zero, endless recursion, proc_exit. The host's own
 * SIGSEGV handler, installed first, still gets the host's faults. WASI:
 * standard output to a pipe, the environment given, only the granted
 * directory. */
#include "common.h"
#include "traps.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf host_recover;
static volatile sig_atomic_t host_faults;
static void host_handler(int sig, siginfo_t *info, void *uc) {
  (void)sig, (void)info, (void)uc;
  ++host_faults;
  siglongjmp(host_recover, 1);
}

/* A fault of the host's own: its handler must see it. */
static void host_fault(void) {
  uint8_t *page = (uint8_t *)mmap(NULL, 4096, PROT_NONE,
                                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (sigsetjmp(host_recover, 1) == 0)
    *(volatile uint8_t *)page = 1;
  munmap(page, 4096);
}

static void expect_trap(traps_instance *i, const char *prefix) {
  const char *t = traps_trap(i);
  CHECK(t && strncmp(t, prefix, strlen(prefix)) == 0, "want '%s', got '%s'",
        prefix, t ? t : "(null)");
  printf("ok: %s\n", t);
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: host_traps DATA_DIR");
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = host_handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, NULL);

  int out[2];
  CHECK(pipe(out) == 0, "pipe");
  const char *env[] = {"GREETING=hello", "EMPTY="};
  wasmaot_wasi_dir dir = {argv[1], "/data"};
  wasmaot_wasi_config wasi = WASMAOT_WASI_CONFIG_INIT;
  wasi.env = env;
  wasi.envc = 2;
  wasi.dirs = &dir;
  wasi.dirc = 1;
  wasi.stdout_fd = out[1];
  traps_instance *i = traps_new(NULL, &wasi);
  CHECK(i, "traps_new: %s", wasmaot_last_error());

  host_fault();
  CHECK(host_faults == 1, "the host's handler saw its fault");
  printf("ok: the host's own fault reached its handler\n");

  /* Guard pages behind the memory: the host's bytes next to it survive. */
  uint64_t size;
  uint8_t *mem = traps_memory_memory(i, &size);
  CHECK(traps_load(i, (uint32_t)size) == 0, "zero after a trap");
  expect_trap(i, "out of bounds memory access in load+0x");
  traps_store(i, 0xFFFFFFF0u, 42);
  expect_trap(i, "out of bounds memory access in store+0x");
  traps_store(i, 64, 42);
  CHECK(traps_trap(i) == NULL && traps_load(i, 64) == 42 && mem[64] == 42,
        "usable after traps");
  CHECK(traps_divide(i, 7, 0) == 0, "zero");
  expect_trap(i, "integer divide by zero in divide+0x");
  CHECK(traps_divide(i, 7, 2) == 3 && !traps_trap(i), "7 / 2");
  traps_recurse(i, 0);
  expect_trap(i, "call stack exhausted");
  traps_quit(i, 3);
  expect_trap(i, "exit 3");
  CHECK(traps_divide(i, 9, 3) == 3, "usable after exit");

  int n = traps_say(i);
  CHECK(!traps_trap(i), "say: %s", traps_trap(i));
  close(out[1]);
  char buf[512] = {0};
  size_t got = 0;
  ssize_t r;
  while ((r = read(out[0], buf + got, sizeof buf - 1 - got)) > 0)
    got += (size_t)r;
  const char *want = "opened /proc: no\nenv GREETING=hello\nenv EMPTY=\n"
                     "read granted\n";
  CHECK(strcmp(buf, want) == 0 && n == (int)strlen(want), "stdout '%s'", buf);
  printf("ok: WASI stdout, environment, one directory\n");

  host_fault();
  CHECK(host_faults == 2, "the host's handler still sees its faults");
  traps_delete(i);
  printf("ok: host fault after guest traps\n");
  return 0;
}
