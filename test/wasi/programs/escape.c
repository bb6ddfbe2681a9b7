/* Every way out of the granted directory (fd 3), tried with the raw WASI
   calls. The harness builds the tree (see run_wasi.py: escape_tree) and checks
   afterwards that nothing outside changed. Prints one line per attempt that
   went wrong and a summary; "race" mode loops on paths a concurrent host
   thread keeps swapping. */
#include "check.h"
#include <stdlib.h>

#define ROOT 3
static const __wasi_rights_t RD = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK;

/* Opens and reads a path; returns the errno, 0 on success (content in buf). */
static int try_read(__wasi_fd_t dir, const char *path, __wasi_lookupflags_t lf,
                    char *buf, size_t size) {
  __wasi_fd_t fd;
  int e = raw_path_open(dir, lf, path, strlen(path), 0, RD, 0, 0, &fd);
  if (e)
    return e;
  __wasi_iovec_t iov = {(uint8_t *)buf, size - 1};
  __wasi_size_t n = 0;
  e = __wasi_fd_read(fd, &iov, 1, &n);
  buf[e ? 0 : n] = 0;
  (void)__wasi_fd_close(fd);
  return e;
}

static int denied_count;

/* An attempt that must fail and never show outside content. */
static void must_deny(const char *what, int e, const char *buf) {
  ++checks;
  if (e == 0 || (buf && strstr(buf, "SECRET"))) {
    ++failures;
    printf("ESCAPE %s: succeeded%s%s\n", what, buf ? ": " : "", buf ? buf : "");
  } else {
    ++denied_count;
  }
}

static const char *escapes[] = {
    "..", "../", "../outside/secret", "./../outside/secret",
    "sub/../../outside/secret", "sub/./../.././outside/secret",
    "sub//..//..//outside//secret", "/etc/passwd", "/", "//etc/passwd",
    "link_out/secret", "link_out_file", "link_root/etc/passwd", "link_root",
    "link_abs_in", "loop1", "self", "link_dotdot/outside/secret",
    "link_dotdot", "sub/link_up/outside/secret", "sub/link_up",
    "sub/link_chain/secret", "link_out/../outside/secret",
    "sub/../sub/../../outside/secret",
};

static void race(int rounds) {
  char buf[64];
  int secret = 0, inside = 0, failed = 0;
  for (int i = 0; i < rounds; ++i) {
    const char *p[] = {"race/f", "race/deeper/../f", "mv/../secret",
                       "mv/../../outside/secret", "mv/../outside/secret"};
    for (int k = 0; k < 5; ++k) {
      int e = try_read(ROOT, p[k], __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, buf, sizeof buf);
      if (e)
        ++failed;
      else if (strstr(buf, "SECRET"))
        ++secret;
      else
        ++inside;
    }
    /* Creating through the swapping path must not land outside either. */
    __wasi_fd_t fd;
    if (raw_path_open(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "race/made", 9,
                         __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd) == 0)
      __wasi_fd_close(fd);
    raw_path_unlink_file(ROOT, "race/made", 9);
    raw_path_create_directory(ROOT, "race/newdir", 11);
    raw_path_remove_directory(ROOT, "race/newdir", 11);
  }
  printf("race: secret=%d (inside %s)\n", secret, inside > 0 ? "seen" : "never seen");
  if (secret)
    ++failures;
}

int main(int argc, char **argv) {
  if (argc > 2 && !strcmp(argv[1], "race")) {
    race(atoi(argv[2]));
    DONE("escape-race");
  }
  char buf[256];
  __wasi_filestat_t st;
  __wasi_fd_t fd;
  size_t n_esc = sizeof escapes / sizeof *escapes;
  for (size_t i = 0; i < n_esc; ++i) {
    const char *p = escapes[i];
    char what[128];
    for (int follow = 0; follow < 2; ++follow) {
      __wasi_lookupflags_t lf = follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0;
      snprintf(what, sizeof what, "read %s%s", p, follow ? "" : " (nofollow)");
      int e = try_read(ROOT, p, lf, buf, sizeof buf);
      /* Without follow, a final symlink is refused (ELOOP) anyway. */
      must_deny(what, e, buf);
      snprintf(what, sizeof what, "opendir %s%s", p, follow ? "" : " (nofollow)");
      e = raw_path_open(ROOT, lf, p, strlen(p), __WASI_OFLAGS_DIRECTORY,
                           __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN,
                           __WASI_RIGHTS_FD_READ, 0, &fd);
      if (e == 0) {
        /* Only acceptable for a directory inside ("link_dotdot" nofollow is
           ELOOP; "." cases are not in the list). */
        __wasi_fd_close(fd);
      }
      must_deny(what, e, NULL);
    }
    snprintf(what, sizeof what, "stat %s", p);
    int e = raw_path_filestat_get(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, p, strlen(p), &st);
    must_deny(what, e, NULL);
    snprintf(what, sizeof what, "utimes %s", p);
    e = raw_path_filestat_set_times(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, p, strlen(p), 1, 1,
                                       __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM);
    must_deny(what, e, NULL);
  }

  /* Creating, removing, renaming, linking outside. */
  const char *outs[] = {"../outside/created", "link_out/created", "link_dotdot/outside/created",
                        "sub/link_up/outside/created", "/tmp/created", "link_root/tmp/created"};
  for (size_t i = 0; i < sizeof outs / sizeof *outs; ++i) {
    const char *p = outs[i];
    char what[128];
    snprintf(what, sizeof what, "create %s", p);
    must_deny(what, raw_path_open(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, p, strlen(p),
                                     __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd),
              NULL);
    snprintf(what, sizeof what, "mkdir %s", p);
    must_deny(what, raw_path_create_directory(ROOT, p, strlen(p)), NULL);
    snprintf(what, sizeof what, "symlink at %s", p);
    must_deny(what, raw_path_symlink("x", 1, ROOT, p, strlen(p)), NULL);
    snprintf(what, sizeof what, "rename inside.txt to %s", p);
    must_deny(what, raw_path_rename(ROOT, "inside.txt", 10, ROOT, p, strlen(p)), NULL);
    snprintf(what, sizeof what, "link inside.txt to %s", p);
    must_deny(what, raw_path_link(ROOT, 0, "inside.txt", 10, ROOT, p, strlen(p)), NULL);
  }
  const char *victims[] = {"../outside/secret", "link_out/secret", "link_out/dir",
                           "link_dotdot/outside/secret", "sub/link_up/outside/secret",
                           "link_root/etc/hostname"};
  for (size_t i = 0; i < sizeof victims / sizeof *victims; ++i) {
    const char *p = victims[i];
    char what[128];
    snprintf(what, sizeof what, "unlink %s", p);
    must_deny(what, raw_path_unlink_file(ROOT, p, strlen(p)), NULL);
    snprintf(what, sizeof what, "rmdir %s", p);
    must_deny(what, raw_path_remove_directory(ROOT, p, strlen(p)), NULL);
    snprintf(what, sizeof what, "rename %s in", p);
    must_deny(what, raw_path_rename(ROOT, p, strlen(p), ROOT, "stolen", 6), NULL);
    snprintf(what, sizeof what, "hard link %s in", p);
    must_deny(what, raw_path_link(ROOT, 0, p, strlen(p), ROOT, "hl", 2), NULL);
    snprintf(what, sizeof what, "hard link (follow) %s in", p);
    must_deny(what, raw_path_link(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, p, strlen(p), ROOT,
                                     "hl", 2),
              NULL);
    __wasi_size_t used;
    snprintf(what, sizeof what, "readlink %s", p);
    must_deny(what, raw_path_readlink(ROOT, p, strlen(p), (uint8_t *)buf, sizeof buf, &used),
              NULL);
  }
  /* Hard link to what an outward symlink names: refused; linking the
     symlink itself is allowed, and following the copy is refused again. */
  must_deny("hard link (follow) link_out_file",
            raw_path_link(ROOT, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link_out_file", 13, ROOT,
                             "hl_follow", 9),
            NULL);
  CHECK_WASI(raw_path_link(ROOT, 0, "link_out_file", 13, ROOT, "hl_nofollow", 11), 0);
  must_deny("read hl_nofollow", try_read(ROOT, "hl_nofollow", 1, buf, sizeof buf), buf);
  /* A symlink made by the guest that points out: made, never followed. */
  CHECK_WASI(raw_path_symlink("../outside", 10, ROOT, "mine", 4), 0);
  must_deny("read mine/secret", try_read(ROOT, "mine/secret", 1, buf, sizeof buf), buf);
  /* An absolute target is refused (PERM, as wasmtime). */
  CHECK_WASI(raw_path_symlink("/etc", 4, ROOT, "mine_abs", 8), __WASI_ERRNO_PERM);
  must_deny("read mine_abs/passwd", try_read(ROOT, "mine_abs/passwd", 1, buf, sizeof buf), buf);
  /* Renaming a directory so that a path would lead out: still confined. */
  CHECK_WASI(raw_path_rename(ROOT, "sub", 3, ROOT, "sub2", 4), 0);
  must_deny("read sub2/link_up/outside/secret",
            try_read(ROOT, "sub2/link_up/outside/secret", 1, buf, sizeof buf), buf);
  CHECK_WASI(raw_path_rename(ROOT, "sub2", 4, ROOT, "sub", 3), 0);
  /* A subdirectory fd is a capability of its own: no way up from it. */
  __wasi_fd_t sub;
  CHECK_WASI(raw_path_open(ROOT, 0, "sub", 3, __WASI_OFLAGS_DIRECTORY,
                              __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR,
                              __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK, 0, &sub),
             0);
  must_deny("from sub: ../inside.txt", try_read(sub, "../inside.txt", 1, buf, sizeof buf), buf);
  must_deny("from sub: link_ok", try_read(sub, "link_ok", 1, buf, sizeof buf), buf);
  CHECK(try_read(sub, "f", 1, buf, sizeof buf) == 0 && !strcmp(buf, "subfile"));
  /* What is inside stays reachable, also through symlinks and "..". */
  CHECK(try_read(ROOT, "inside.txt", 0, buf, sizeof buf) == 0 && !strcmp(buf, "inside"));
  CHECK(try_read(ROOT, "sub/../inside.txt", 1, buf, sizeof buf) == 0);
  CHECK(try_read(ROOT, "sub/link_ok", 1, buf, sizeof buf) == 0 && !strcmp(buf, "inside"));
  CHECK(try_read(ROOT, "./sub/./f", 1, buf, sizeof buf) == 0);
  CHECK_WASI(raw_path_open(ROOT, 0, "sub/..", 6, __WASI_OFLAGS_DIRECTORY,
                              __WASI_RIGHTS_PATH_OPEN, 0, 0, &fd), 0);
  CHECK_WASI(try_read(ROOT, "loop1", 1, buf, sizeof buf), __WASI_ERRNO_LOOP);
  CHECK_WASI(try_read(ROOT, "../outside/secret", 1, buf, sizeof buf), __WASI_ERRNO_NOTCAPABLE);
  CHECK_WASI(try_read(ROOT, "link_out_file", 0, buf, sizeof buf), __WASI_ERRNO_LOOP);
  printf("escape: %d attempts denied\n", denied_count);
  DONE("escape");
}
