// A module with dynamic routes: `_routes` prints them at start-up, and each
// names the exported function that serves it.
#include <stdio.h>
#include <stdlib.h>

static void reply(const char *who) {
  printf("content-type: text/plain\n\n%s SCRIPT_NAME=%s PATH_INFO=%s "
         "X_MATCHED_ROUTE=%s\n",
         who, getenv("SCRIPT_NAME"), getenv("PATH_INFO"),
         getenv("X_MATCHED_ROUTE"));
  fflush(stdout);
}

__attribute__((export_name("_routes"))) void routes(void) {
  printf("/sub sub\n/w/... wild\n");
  fflush(stdout);
}
__attribute__((export_name("sub"))) void sub(void) { reply("sub"); }
__attribute__((export_name("wild"))) void wild(void) { reply("wild"); }
__attribute__((export_name("other"))) void other(void) { reply("other"); }

int main(void) {
  reply("main");
  return 0;
}
