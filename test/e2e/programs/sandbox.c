// Without any --dir grant the guest sees no file system: opening files by
// absolute or relative path, and listing directories, must all fail. Built for
// Wasm only (natively these succeed); the expected output is in run_e2e.py.
#include <dirent.h>
#include <stdio.h>

static void try_open(const char *path) {
  FILE *f = fopen(path, "r");
  printf("fopen(%s): %s\n", path, f ? "OPENED" : "denied");
  if (f)
    fclose(f);
}

int main(void) {
  try_open("/etc/passwd");
  try_open("/proc/self/environ");
  try_open("../../../../etc/hostname");
  try_open("run_e2e.py");
  FILE *w = fopen("/tmp/wasmaot-e2e-sandbox-write", "w");
  printf("fopen for writing: %s\n", w ? "OPENED" : "denied");
  DIR *d = opendir("/");
  printf("opendir(/): %s\n", d ? "OPENED" : "denied");
  d = opendir(".");
  printf("opendir(.): %s\n", d ? "OPENED" : "denied");
  return 0;
}
