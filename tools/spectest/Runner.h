//===- Runner.h - The per-script loop, known failures and the report ------===//
#ifndef WASMAOT_TOOLS_SPECTEST_RUNNER_H
#define WASMAOT_TOOLS_SPECTEST_RUNNER_H

#include "Commands.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace wasmaot::spectest {

struct Options {
  std::string SuiteDir;
  std::string KnownFailuresPath; // empty: none
  std::string Wast2Json;
  std::vector<std::string> Wast2JsonFlags; // e.g. --enable-all for proposals
  std::vector<std::string> Scripts;        // only these (names or paths)
  bool Verbose = false;
};

class Runner {
public:
  explicit Runner(Options Opts);
  /// Runs every script; returns the process exit code.
  int run();

private:
  struct Tally {
    unsigned Passed = 0, Failed = 0, NotApplicable = 0, NotRunYet = 0;
    unsigned KnownFailures = 0, WrongCategory = 0, MessageDiffers = 0;
  };

  bool loadKnownFailures();
  bool findScripts(std::vector<std::string> &Paths);
  void runScript(const std::string &Path);
  bool convertScript(const std::string &Path, const std::string &OutDir,
                     std::string &JsonPath);
  void runCommands(const std::string &Name, const llvm::json::Array &Commands,
                   ScriptContext &Ctx, Tally &File);
  void record(const std::string &TestName, const std::string &Type,
              const CommandResult &R, Tally &File);
  void fail(const std::string &TestName, const std::string &Why, Tally &File);
  void checkStaleKnownFailures();
  void printSummary() const;

  Options Opts;
  std::map<std::string, std::unique_ptr<CommandHandler>> Handlers;
  std::set<std::string> KnownFailures;
  std::set<std::string> SeenListed; // listed tests that passed or failed
  std::set<std::string> ScriptsRun;
  Tally Total;
  std::map<std::string, Tally> ByCommand;
  unsigned UnexpectedPasses = 0;
};

} // namespace wasmaot::spectest

#endif
