//===- Config.cpp - modules.toml and --env-file ---------------------------===//
#include "server/Config.h"
#include "wasi-libhost/Quantities.h"

#include <toml++/toml.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace wasmaot::server {

namespace {

/// file:///abs/path -> /abs/path (with %XX decoded); a plain path as it is.
/// Empty with Error set for another scheme.
std::string resolveModulePath(const std::string &Ref, std::string &Error) {
  auto Scheme = Ref.find(':');
  bool HasScheme =
      Scheme != std::string::npos && Scheme > 1 && Ref.find('/') > Scheme;
  if (!HasScheme)
    return Ref;
  std::string Name = Ref.substr(0, Scheme);
  if (Name == "bindle" || Name == "oci") {
    Error = Name + " module references are not supported (use a file path)";
    return "";
  }
  if (Name != "file" || Ref.compare(Scheme, 3, "://") != 0) {
    Error =
        "unsupported module reference '" + Ref + "' (a path or a file:// URL)";
    return "";
  }
  std::string Path = Ref.substr(Scheme + 3);
  if (Path.empty() || Path[0] != '/') {
    Error = "a file:// URL needs an absolute path: '" + Ref + "'";
    return "";
  }
  std::string Decoded;
  for (size_t I = 0; I < Path.size(); ++I) {
    if (Path[I] == '%' && I + 2 < Path.size() && isxdigit(Path[I + 1]) &&
        isxdigit(Path[I + 2])) {
      Decoded += char(std::stoi(Path.substr(I + 1, 2), nullptr, 16));
      I += 2;
    } else {
      Decoded += Path[I];
    }
  }
  return Decoded;
}

/// A string key of Entry, or Error naming it when it has another type.
bool getString(const toml::table &Entry, const char *Key,
               std::optional<std::string> &Out, std::string &Error) {
  const toml::node *N = Entry.get(Key);
  if (!N)
    return true;
  if (!N->is_string()) {
    Error = std::string("'") + Key + "' must be a string";
    return false;
  }
  Out = N->value<std::string>();
  return true;
}

/// A table of strings (volumes, environment).
bool getStringTable(const toml::table &Entry, const char *Key,
                    std::vector<std::pair<std::string, std::string>> &Out,
                    std::string &Error) {
  const toml::node *N = Entry.get(Key);
  if (!N)
    return true;
  const toml::table *T = N->as_table();
  if (!T) {
    Error = std::string("'") + Key + "' must be a table of strings";
    return false;
  }
  for (const auto &[K, V] : *T) {
    if (!V.is_string()) {
      Error = std::string("'") + Key + "." + std::string(K.str()) +
              "' must be a string";
      return false;
    }
    Out.emplace_back(std::string(K.str()), *V.value<std::string>());
  }
  return true;
}

bool parseModule(const toml::table &Entry, ServerConfig &Config,
                 ModuleConfig &M, std::string &Error) {
  std::optional<std::string> Route, Module, Entrypoint, Argv, Timeout,
      MaxMemory;
  if (!getString(Entry, "route", Route, Error))
    return false;
  if (!Route || Route->empty() || (*Route)[0] != '/') {
    Error = Route ? "route '" + *Route + "' must start with '/'"
                  : "an entry has no 'route'";
    return false;
  }
  M.Route = *Route;
  std::string Where = "route " + M.Route + ": ";
  auto Fail = [&](const std::string &Why) {
    Error = Where + Why;
    return false;
  };
  std::string Why;
  if (!getString(Entry, "module", Module, Why) ||
      !getString(Entry, "entrypoint", Entrypoint, Why) ||
      !getString(Entry, "argv", Argv, Why) ||
      !getString(Entry, "timeout", Timeout, Why) ||
      !getString(Entry, "max_memory", MaxMemory, Why) ||
      !getStringTable(Entry, "volumes", M.Volumes, Why))
    return Fail(Why);
  std::vector<std::pair<std::string, std::string>> Env;
  if (!getStringTable(Entry, "environment", Env, Why))
    return Fail(Why);
  for (auto &[Name, Value] : Env) {
    if (Name.empty() || Name.find('=') != std::string::npos)
      return Fail("environment name '" + Name + "' is not a variable name");
    M.Environment.push_back(Name + "=" + Value);
  }
  if (!Module || Module->empty())
    return Fail("no 'module'");
  M.ModulePath = resolveModulePath(*Module, Why);
  if (M.ModulePath.empty())
    return Fail(Why);
  if (Entrypoint)
    M.Entrypoint = *Entrypoint;
  if (Argv)
    M.Argv = *Argv;
  if (Timeout && !(M.TimeoutMs = parseDurationMs(*Timeout)))
    return Fail("timeout: expected <integer>ms|s|m, got '" + *Timeout + "'");
  if (MaxMemory && !(M.MaxMemoryBytes = parseSizeBytes(*MaxMemory)))
    return Fail("max_memory: expected <integer>KiB|MiB|GiB, got '" +
                *MaxMemory + "'");
  for (const auto &[K, V] : Entry) {
    std::string_view Key = K.str();
    if (Key == "allowed_hosts" || Key == "http_max_concurrency" ||
        Key == "bindle_server")
      Config.Warnings.push_back(Where + "'" + std::string(Key) +
                                "' is not supported; ignored");
    else if (Key != "route" && Key != "module" && Key != "entrypoint" &&
             Key != "argv" && Key != "volumes" && Key != "environment" &&
             Key != "timeout" && Key != "max_memory")
      Config.Warnings.push_back(Where + "unknown field '" + std::string(Key) +
                                "'; ignored");
  }
  return true;
}

} // namespace

bool loadConfig(const std::string &Path, ServerConfig &Out,
                std::string &Error) {
  if (FILE *F = fopen(Path.c_str(), "r"))
    fclose(F);
  else {
    Error = "cannot read '" + Path + "': " + strerror(errno);
    return false;
  }
  toml::table Root;
  try {
    Root = toml::parse_file(Path);
  } catch (const toml::parse_error &E) {
    Error = Path + ":" + std::to_string(E.source().begin.line) + ": " +
            std::string(E.description());
    return false;
  }
  auto Fail = [&](const std::string &Why) {
    Error = Path + ": " + Why;
    return false;
  };
  if (const toml::node *Host = Root.get("default_host")) {
    if (!Host->is_string())
      return Fail("'default_host' must be a string");
    Out.DefaultHost = *Host->value<std::string>();
  }
  const toml::node *Modules = Root.get("module");
  const toml::array *List = Modules ? Modules->as_array() : nullptr;
  if (!List)
    return Fail("no [[module]] entries");
  for (const toml::node &N : *List) {
    const toml::table *Entry = N.as_table();
    if (!Entry)
      return Fail("'module' must be an array of tables ([[module]])");
    ModuleConfig M;
    std::string Why;
    if (!parseModule(*Entry, Out, M, Why))
      return Fail(Why);
    Out.Modules.push_back(std::move(M));
  }
  for (const auto &[K, V] : Root)
    if (K.str() != "module" && K.str() != "default_host")
      Out.Warnings.push_back(Path + ": unknown field '" + std::string(K.str()) +
                             "'; ignored");
  return true;
}

std::string checkEnvEntry(const std::string &Entry) {
  size_t Eq = Entry.find('=');
  return Eq == std::string::npos || Eq == 0
             ? "expected NAME=VALUE, got '" + Entry + "'"
             : std::string();
}

bool loadEnvFile(const std::string &Path, std::vector<std::string> &Env,
                 std::vector<std::string> &Warnings, std::string &Error) {
  std::ifstream In(Path);
  if (!In) {
    Error = "cannot read env file '" + Path + "'";
    return false;
  }
  std::string Line;
  for (unsigned No = 1; std::getline(In, Line); ++No) {
    if (!Line.empty() && Line.back() == '\r')
      Line.pop_back();
    size_t First = Line.find_first_not_of(" \t");
    if (First == std::string::npos || Line[First] == '#')
      continue;
    std::string_view L(Line);
    L.remove_prefix(First);
    if (L.substr(0, 7) == "export ")
      L.remove_prefix(7);
    size_t Eq = L.find('=');
    std::string_view Name = L.substr(0, Eq);
    while (!Name.empty() && (Name.back() == ' ' || Name.back() == '\t'))
      Name.remove_suffix(1);
    bool NameOk = Eq != std::string_view::npos && !Name.empty();
    for (char C : Name)
      NameOk &= isalnum(static_cast<unsigned char>(C)) || C == '_' || C == '-';
    if (!NameOk) {
      Warnings.push_back(Path + ":" + std::to_string(No) +
                         ": not NAME=VALUE; skipped");
      continue;
    }
    std::string_view Value = L.substr(Eq + 1);
    while (!Value.empty() && (Value.front() == ' ' || Value.front() == '\t'))
      Value.remove_prefix(1);
    while (!Value.empty() && (Value.back() == ' ' || Value.back() == '\t'))
      Value.remove_suffix(1);
    if (Value.size() >= 2 && Value.front() == '"' && Value.back() == '"')
      Value = Value.substr(1, Value.size() - 2);
    Env.push_back(std::string(Name) + "=" + std::string(Value));
  }
  return true;
}

} // namespace wasmaot::server
