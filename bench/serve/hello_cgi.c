// The hello-world handler of the server benchmark: a CGI program, compiled
// natively for lighttpd's mod_cgi and to wasm32-wasi for wasmaot.
#include <stdio.h>

int main(void) {
  fputs("content-type: text/plain\n\nHello, world!\n", stdout);
  return 0;
}
