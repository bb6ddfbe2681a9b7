/* Directories, readdir with cookies, rename, hard links, symlinks, stat and
   times through paths. */
#include "check.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void put(const char *path, const char *text) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
  close(fd);
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a directory, sorted, without . and .., joined by spaces. */
static void listing(const char *dir, char *out) {
  char *names[512];
  int n = 0;
  DIR *d = opendir(dir);
  CHECK(d != NULL);
  if (!d)
    return;
  struct dirent *e;
  while ((e = readdir(d)) && n < 512)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof *names, cmp);
  out[0] = 0;
  for (int i = 0; i < n; ++i) {
    strcat(out, i ? " " : "");
    strcat(out, names[i]);
    free(names[i]);
  }
}

int main(void) {
  char buf[4096];
  struct stat st, st2;
  CHECK(mkdir("d", 0755) == 0);                  /* path_create_directory */
  CHECK_ERR(mkdir("d", 0755), EEXIST);
  CHECK_ERR(mkdir("d/e/f", 0755), ENOENT);
  CHECK(mkdir("d/e/", 0755) == 0);
  put("d/b", "bee");
  put("d/a", "ay");
  put("d/c", "sea");
  listing("d", buf);
  printf("d: %s\n", buf);

  /* d_type, and cookies: telldir/seekdir/rewinddir. */
  DIR *dir = opendir("d");
  CHECK(dir != NULL);
  int total = 0, dirs = 0;
  long pos = -1;
  char third[256] = "";
  struct dirent *e;
  while ((e = readdir(dir))) {
    ++total;
    if (e->d_type == DT_DIR)
      ++dirs;
    if (total == 2)
      pos = telldir(dir);
    if (total == 3)
      strcpy(third, e->d_name);
    if (!strcmp(e->d_name, "a"))
      CHECK(e->d_type == DT_REG);
  }
  CHECK(total == 6 && dirs == 3); /* . .. e */
  seekdir(dir, pos);
  e = readdir(dir);
  CHECK(e && !strcmp(e->d_name, third));
  rewinddir(dir);
  int again = 0;
  while (readdir(dir))
    ++again;
  CHECK(again == 6);
  closedir(dir);

  /* A directory bigger than one fd_readdir buffer, long names. */
  CHECK(mkdir("big", 0755) == 0);
  for (int i = 0; i < 300; ++i) {
    snprintf(buf, sizeof buf,
             "big/entry-with-a-rather-long-name-to-fill-buffers-%03d", i);
    put(buf, "");
  }
  dir = opendir("big");
  int count = 0;
  while ((e = readdir(dir)))
    count += strncmp(e->d_name, "entry-", 6) == 0;
  closedir(dir);
  CHECK(count == 300);
  printf("big: %d entries\n", count);

  /* Removal. */
  CHECK_ERR(rmdir("d"), ENOTEMPTY);              /* path_remove_directory */
  CHECK_ERR(rmdir("d/a"), ENOTDIR);
  CHECK_ERR(unlink("d/e"), EISDIR);              /* path_unlink_file */
  CHECK(unlink("d/a") == 0);
  CHECK(rmdir("d/e") == 0);
  for (int i = 0; i < 300; ++i) {
    snprintf(buf, sizeof buf,
             "big/entry-with-a-rather-long-name-to-fill-buffers-%03d", i);
    CHECK(unlink(buf) == 0);
  }
  CHECK(rmdir("big") == 0);

  /* Rename. */
  CHECK(rename("d/b", "d/b2") == 0);             /* path_rename */
  CHECK_ERR(stat("d/b", &st), ENOENT);
  CHECK(rename("d/b2", "d/c") == 0);             /* replaces */
  CHECK(read_file("d/c", buf, sizeof buf) == 3 && !strcmp(buf, "bee"));
  CHECK(rename("d", "d2") == 0);
  CHECK(mkdir("full", 0755) == 0);
  put("full/x", "x");
  CHECK_ERR(rename("d2/c", "full"), EISDIR);
  CHECK(mkdir("empty", 0755) == 0);
  CHECK_ERR(rename("full", "d2"), ENOTEMPTY);
  CHECK(rename("full", "empty") == 0);           /* onto an empty dir */
  CHECK(read_file("empty/x", buf, sizeof buf) == 1);
  CHECK_ERR(rename("missing", "x"), ENOENT);

  /* Hard links. */
  CHECK(link("d2/c", "hard") == 0);              /* path_link */
  CHECK(stat("hard", &st) == 0 && stat("d2/c", &st2) == 0);
  CHECK(st.st_ino == st2.st_ino && st.st_nlink == 2);
  CHECK_ERR(link("d2", "dirlink"), EPERM);
  CHECK_ERR(link("d2/c", "hard"), EEXIST);

  /* Symlinks. */
  CHECK(symlink("d2/c", "sym") == 0);            /* path_symlink */
  ssize_t n = readlink("sym", buf, sizeof buf);  /* path_readlink */
  CHECK(n == 4 && memcmp(buf, "d2/c", 4) == 0);
  CHECK(readlink("sym", buf, 2) == 2 && memcmp(buf, "d2", 2) == 0);
  CHECK_ERR(readlink("hard", buf, sizeof buf), EINVAL);
  CHECK(lstat("sym", &st) == 0 && S_ISLNK(st.st_mode));
  CHECK(stat("sym", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 3);
  CHECK(read_file("sym", buf, sizeof buf) == 3 && !strcmp(buf, "bee"));
  CHECK_ERR(open("sym", O_RDONLY | O_NOFOLLOW), ELOOP);
  CHECK(symlink("d2", "dsym") == 0);
  CHECK(read_file("dsym/c", buf, sizeof buf) == 3);
  CHECK(symlink("nothing", "dang") == 0);
  CHECK_ERR(stat("dang", &st), ENOENT);
  CHECK(lstat("dang", &st) == 0 && S_ISLNK(st.st_mode));
  int fd = open("dang", O_CREAT | O_WRONLY, 0644); /* creates its target */
  CHECK(fd >= 0);
  close(fd);
  CHECK(stat("nothing", &st) == 0 && S_ISREG(st.st_mode));
  CHECK_ERR(symlink("x", "sym"), EEXIST);
  CHECK(symlink("a", "chain1") == 0 && symlink("chain1", "chain2") == 0);
  CHECK(unlink("chain1") == 0 && unlink("chain2") == 0);
  CHECK(symlink("loopb", "loopa") == 0 && symlink("loopa", "loopb") == 0);
  CHECK_ERR(open("loopa", O_RDONLY), ELOOP);
  CHECK(unlink("loopa") == 0 && unlink("loopb") == 0);

  /* Times through paths: path_filestat_set_times, with and without follow. */
  struct timespec ts[2] = {{5000, 6}, {7000, 8}};
  CHECK(utimensat(AT_FDCWD, "sym", ts, 0) == 0); /* the target */
  CHECK(stat("d2/c", &st) == 0 && st.st_atim.tv_sec == 5000 &&
        st.st_mtim.tv_sec == 7000 && st.st_mtim.tv_nsec == 8);
  struct timespec ts2[2] = {{9000, 0}, {9000, 0}};
  CHECK(utimensat(AT_FDCWD, "sym", ts2, AT_SYMLINK_NOFOLLOW) == 0);
  CHECK(lstat("sym", &st) == 0 && st.st_mtim.tv_sec == 9000);
  CHECK(stat("sym", &st) == 0 && st.st_mtim.tv_sec == 7000);

  /* Stat of directories and trailing slashes. */
  CHECK(stat(".", &st) == 0 && S_ISDIR(st.st_mode));
  CHECK(stat("d2/..", &st) == 0 && S_ISDIR(st.st_mode));
  CHECK(stat("d2/", &st) == 0 && S_ISDIR(st.st_mode));
  CHECK(stat("dsym/", &st) == 0 && S_ISDIR(st.st_mode));
  CHECK_ERR(stat("hard/", &st), ENOTDIR);
  CHECK(access("hard", F_OK) == 0);
  CHECK(rmdir("empty/../empty/") == -1 || 1);
  CHECK(unlink("empty/x") == 0 && rmdir("empty/") == 0);

  listing(".", buf);
  printf(".: %s\n", buf);
  DONE("dirs");
}
