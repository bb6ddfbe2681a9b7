//===- Server.h - `wasmaot serve`: WASI modules as HTTP handlers (WAGI) ---===//
//
// Start-up (configuration, every module compiled through the caller's
// CompileFn and loaded once, dynamic routes, the listening socket), then the
// HTTP server (Boost.Beast on Asio: I/O threads parse and write, a pool of
// workers runs handlers), until SIGTERM or SIGINT. docs/serve.md is the
// user's reference.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_SERVER_SERVER_H
#define WASMAOT_SERVER_SERVER_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace wasmaot::server {

struct ServeOptions {
  std::string ConfigPath;
  std::string Listen = "127.0.0.1:3000";
  std::vector<std::string> Env;      // --env NAME=VALUE
  std::vector<std::string> EnvFiles; // --env-file FILE
  uint64_t TimeoutMs = 30000;
  uint64_t MaxMemoryBytes = 4ull << 30;
  uint64_t MaxRequestBytes = 16u << 20;  // larger bodies: 413
  uint64_t MaxResponseBytes = 64u << 20; // per standard stream: else 500
  unsigned Workers = 0;                  // 0: getDefaultWorkers()
};

/// Enough handler threads that handlers stuck until their timeout cannot
/// starve the rest: 8 per core, at least 16.
unsigned getDefaultWorkers();

/// Compiles the module at Path (a .wasm or .wat file) into a shared library
/// for this host, interruptible, and names it in LibraryPath; false with a
/// one-line Error.
using CompileFn = std::function<bool(
    const std::string &Path, std::string &LibraryPath, std::string &Error)>;

/// Runs the server; returns the process's exit code: 0 after a signal, 1
/// when start-up fails (after one line on stderr naming the cause).
int runServer(const ServeOptions &Opts, const CompileFn &Compile);

} // namespace wasmaot::server

#endif
