//===- Config.h - modules.toml and --env-file, as WAGI reads them ---------===//
//
// The server's configuration: WAGI's modules.toml (parsed with toml++) and its
// env files. docs/serve.md is the reference for every key.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_SERVER_CONFIG_H
#define WASMAOT_SERVER_CONFIG_H

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wasmaot::server {

/// One `[[module]]` entry.
struct ModuleConfig {
  std::string Route;      // as written: "/", "/app", "/app/..."
  std::string ModulePath; // a file path (a file:// URL resolved)
  std::string Entrypoint = "_start";
  std::string Argv = "${SCRIPT_NAME} ${ARGS}";
  /// Preopened directories: guest path, host path.
  std::vector<std::pair<std::string, std::string>> Volumes;
  std::vector<std::string> Environment; // NAME=VALUE
  std::optional<uint64_t> TimeoutMs;
  std::optional<uint64_t> MaxMemoryBytes;
};

struct ServerConfig {
  /// `default_host`: SERVER_NAME and SERVER_PORT when a request has no Host
  /// header ("" for none).
  std::string DefaultHost;
  std::vector<ModuleConfig> Modules;
  /// One line each, printed at start-up: fields wasmaot does not support.
  std::vector<std::string> Warnings;
};

/// Reads modules.toml. False with a one-line Error (naming the file, and the
/// route when the problem is in an entry) when it cannot be used.
bool loadConfig(const std::string &Path, ServerConfig &Out, std::string &Error);

/// Reads an env file: `NAME=value` or `NAME = "value"` lines, optionally
/// after `export `; double quotes around the value are removed; blank lines
/// and `#` comments are skipped. Another line is skipped with a warning
/// naming it (WAGI skips it silently). False when the file cannot be read.
bool loadEnvFile(const std::string &Path, std::vector<std::string> &Env,
                 std::vector<std::string> &Warnings, std::string &Error);

/// `NAME=VALUE` with a non-empty name: empty when fine, else why not.
std::string checkEnvEntry(const std::string &Entry);

} // namespace wasmaot::server

#endif
