//===- ConfigTest.cpp - modules.toml and env files ------------------------===//
#include "server/Config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

using namespace wasmaot::server;

namespace {

/// A file with Text in a fresh temporary directory.
std::string writeTemp(const std::string &Name, const std::string &Text) {
  char Dir[] = "/tmp/wasmaot-config-XXXXXX";
  EXPECT_NE(mkdtemp(Dir), nullptr);
  std::string Path = std::string(Dir) + "/" + Name;
  std::ofstream(Path) << Text;
  return Path;
}

} // namespace

TEST(ConfigTest, EveryKey) {
  std::string Path = writeTemp("modules.toml", R"(
default_host = "example.com:80"
[[module]]
route = "/app/..."
module = "file:///srv/a%20b.wasm"
entrypoint = "serve"
argv = "x ${ARGS}"
volumes = { "/data" = "/srv/data" }
environment = { A = "1" }
timeout = "500ms"
max_memory = "64MiB"
allowed_hosts = ["https://x"]
colour = "blue"
)");
  ServerConfig C;
  std::string Error;
  ASSERT_TRUE(loadConfig(Path, C, Error)) << Error;
  EXPECT_EQ(C.DefaultHost, "example.com:80");
  ASSERT_EQ(C.Modules.size(), 1u);
  const ModuleConfig &M = C.Modules[0];
  EXPECT_EQ(M.Route, "/app/...");
  EXPECT_EQ(M.ModulePath, "/srv/a b.wasm");
  EXPECT_EQ(M.Entrypoint, "serve");
  EXPECT_EQ(M.Argv, "x ${ARGS}");
  ASSERT_EQ(M.Volumes.size(), 1u);
  EXPECT_EQ(M.Volumes[0].first, "/data");
  EXPECT_EQ(M.Volumes[0].second, "/srv/data");
  EXPECT_EQ(M.Environment, std::vector<std::string>{"A=1"});
  EXPECT_EQ(M.TimeoutMs, 500u);
  EXPECT_EQ(M.MaxMemoryBytes, 64u << 20);
  ASSERT_EQ(C.Warnings.size(), 2u);
  EXPECT_EQ(C.Warnings[0],
            "route /app/...: 'allowed_hosts' is not supported; ignored");
  EXPECT_EQ(C.Warnings[1], "route /app/...: unknown field 'colour'; ignored");
}

TEST(ConfigTest, Errors) {
  struct Case {
    const char *Toml;
    const char *Error; // after "PATH: "
  } Cases[] = {
      {"", "no [[module]] entries"},
      {"[[module]]\nmodule = \"a.wasm\"\n", "an entry has no 'route'"},
      {"[[module]]\nroute = \"x\"\nmodule = \"a.wasm\"\n",
       "route 'x' must start with '/'"},
      {"[[module]]\nroute = \"/x\"\n", "route /x: no 'module'"},
      {"[[module]]\nroute = \"/x\"\nmodule = \"oci:reg/app:1\"\n",
       "route /x: oci module references are not supported (use a file "
       "path)"},
      {"[[module]]\nroute = \"/x\"\nmodule = \"a.wasm\"\nmax_memory = "
       "\"1TB\"\n",
       "route /x: max_memory: expected <integer>KiB|MiB|GiB, got '1TB'"},
      {"[[module]]\nroute = \"/x\"\nmodule = \"a.wasm\"\nvolumes = 3\n",
       "route /x: 'volumes' must be a table of strings"},
  };
  for (const Case &K : Cases) {
    std::string Path = writeTemp("modules.toml", K.Toml);
    ServerConfig C;
    std::string Error;
    EXPECT_FALSE(loadConfig(Path, C, Error)) << K.Toml;
    EXPECT_EQ(Error, Path + ": " + K.Error);
  }
  std::string Path = writeTemp("modules.toml", "[[module]\n");
  ServerConfig C;
  std::string Error;
  EXPECT_FALSE(loadConfig(Path, C, Error));
  EXPECT_EQ(Error.rfind(Path + ":1: ", 0), 0u) << Error;
}

TEST(ConfigTest, EnvFile) {
  std::string Path = writeTemp(
      "env", "# c\n\nA=1\nB = \"two words\"\nexport C=3\nD=\nnot a line\n");
  std::vector<std::string> Env, Warnings;
  std::string Error;
  ASSERT_TRUE(loadEnvFile(Path, Env, Warnings, Error)) << Error;
  EXPECT_EQ(Env, (std::vector<std::string>{"A=1", "B=two words", "C=3", "D="}));
  EXPECT_EQ(Warnings,
            std::vector<std::string>{Path + ":7: not NAME=VALUE; skipped"});
  EXPECT_FALSE(loadEnvFile("/nonexistent/env", Env, Warnings, Error));
  EXPECT_EQ(Error, "cannot read env file '/nonexistent/env'");
}
