/* wasmaot/embed.h - what every library made by `wasmaot compile --emit=lib`
 * shares: the value types at the boundary, the WASI configuration, the last
 * error and wasmaot_raise. Each generated NAME.h carries this same text under
 * the same include guard, so one -I for its folder is all a host needs and
 * any number of generated headers can be included together. docs/embedding.md
 * describes the interface. */
#ifndef WASMAOT_EMBED_H
#define WASMAOT_EMBED_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A v128 value, its bytes in memory order (lane 0 first). */
typedef struct wasmaot_v128 {
  uint8_t bytes[16];
} wasmaot_v128;

/* Reference values, opaque to the host: null, or what the guest gave. */
typedef struct wasmaot_funcref_opaque *wasmaot_funcref;
typedef struct wasmaot_externref_opaque *wasmaot_externref;

/* A host directory the guest may use, seen by it as guest_path. */
typedef struct wasmaot_wasi_dir {
  const char *host_path;
  const char *guest_path;
} wasmaot_wasi_dir;

/* What a guest that imports WASI gets. argv[0] is the program name; env
 * entries are "NAME=VALUE"; the three descriptors are host descriptors the
 * guest sees as 0, 1 and 2 (borrowed, never closed; -1 for none). Start from
 * WASMAOT_WASI_CONFIG_INIT: no arguments, no environment, no directories,
 * the host's own standard streams. */
typedef struct wasmaot_wasi_config {
  const char *const *argv;
  size_t argc;
  const char *const *env;
  size_t envc;
  const wasmaot_wasi_dir *dirs;
  size_t dirc;
  int stdin_fd;
  int stdout_fd;
  int stderr_fd;
} wasmaot_wasi_config;

#define WASMAOT_WASI_CONFIG_INIT {NULL, 0, NULL, 0, NULL, 0, 0, 1, 2}

/* Why the last NAME_new of this thread returned NULL ("" if none did). */
const char *wasmaot_last_error(void);

/* Called from a host function (an import): when it returns, the guest's
 * call ends and NAME_trap gives message (copied, at most 255 bytes). What
 * the host function returns is then ignored. */
void wasmaot_raise(const char *message);

#ifdef __cplusplus
}
#endif

#endif /* WASMAOT_EMBED_H */
