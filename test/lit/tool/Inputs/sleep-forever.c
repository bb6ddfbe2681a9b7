// Sleeps in poll_oneoff (nanosleep) in a loop: never returns to a Wasm loop
// on its own, so only an interruptible wait can stop it.
#include <stdio.h>
#include <time.h>

int main(void) {
  puts("sleeping");
  fflush(stdout);
  for (;;) {
    struct timespec T = {3600, 0};
    nanosleep(&T, NULL);
  }
}
