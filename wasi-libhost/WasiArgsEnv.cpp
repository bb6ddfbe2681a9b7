//===- WasiArgsEnv.cpp ----------------------------------------------------===//
//
// Arguments and environment: args_* and environ_*.
//
//===----------------------------------------------------------------------===//
#include "wasi-libhost/WasiInternal.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <optional>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

namespace wasmaot::wasi {
//===----------------------------------------------------------------------===//
// args, environ
//===----------------------------------------------------------------------===//

int32_t stringsSizes(VMContext *Ctx, const std::vector<std::string> &Strs,
                     uint32_t CountPtr, uint32_t BufSizePtr) {
  Guest G(Ctx);
  if (!G.ok(CountPtr, 4) || !G.ok(BufSizePtr, 4))
    return E_FAULT;
  uint64_t Bytes = 0;
  for (const std::string &S : Strs)
    Bytes += S.size() + 1;
  G.store(CountPtr, uint32_t(Strs.size()));
  G.store(BufSizePtr, uint32_t(Bytes));
  return E_SUCCESS;
}

int32_t stringsGet(VMContext *Ctx, const std::vector<std::string> &Strs,
                   uint32_t Ptrs, uint32_t Buf) {
  Guest G(Ctx);
  uint64_t Bytes = 0;
  for (const std::string &S : Strs)
    Bytes += S.size() + 1;
  if (!G.ok(Ptrs, uint64_t(Strs.size()) * 4) || !G.ok(Buf, Bytes))
    return E_FAULT;
  uint32_t At = Buf;
  for (size_t I = 0; I < Strs.size(); ++I) {
    G.store(Ptrs + uint32_t(I) * 4, At);
    memcpy(G.at(At), Strs[I].c_str(), Strs[I].size() + 1);
    At += uint32_t(Strs[I].size() + 1);
  }
  return E_SUCCESS;
}

int32_t wasi_args_sizes_get(VMContext *Ctx, int32_t Argc, int32_t BufSize) {
  return stringsSizes(Ctx, getWasi(Ctx).options().Args, Argc, BufSize);
}
int32_t wasi_args_get(VMContext *Ctx, int32_t Argv, int32_t Buf) {
  return stringsGet(Ctx, getWasi(Ctx).options().Args, Argv, Buf);
}
int32_t wasi_environ_sizes_get(VMContext *Ctx, int32_t Count, int32_t BufSize) {
  return stringsSizes(Ctx, getWasi(Ctx).options().Env, Count, BufSize);
}
int32_t wasi_environ_get(VMContext *Ctx, int32_t Environ, int32_t Buf) {
  return stringsGet(Ctx, getWasi(Ctx).options().Env, Environ, Buf);
}

} // namespace wasmaot::wasi
