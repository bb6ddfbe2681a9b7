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
  std::string KnownFailuresPath;      // empty: none
  std::string WriteKnownFailuresPath; // empty: do not write
  std::string Wast2Json;
  std::vector<std::string> Wast2JsonFlags; // e.g. --enable-all for proposals
  std::vector<std::string> Scripts;        // only these (names or paths)
  CompileOptions Compile;                  // -O2 and guard pages by default
  unsigned Jobs = 1;                       // scripts run at once
  bool Verbose = false;
  /// The executor each script's modules run in (wasmaot-spectest-exec, after
  /// qemu and its options for a foreign target); empty: in this process.
  std::vector<std::string> ExecutorArgv;
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
  /// What one script did; scripts run on worker threads, and their reports
  /// are recorded and printed in order by the main thread.
  struct ScriptReport {
    std::string Name;
    struct Entry {
      std::string TestName, Type;
      unsigned Line = 0;
      CommandResult Result;
    };
    std::vector<Entry> Entries;
    double Seconds = 0;
  };

  bool loadKnownFailures();
  bool findScripts(std::vector<std::string> &Paths);
  static std::string getScriptName(llvm::StringRef Path);
  ScriptReport runScript(const std::string &Path, ModuleCache &Cache) const;
  /// Where a script's modules run: this process, or a new executor.
  std::unique_ptr<Session> startSession(std::string &Error) const;
  bool convertScript(const std::string &Path, const std::string &OutDir,
                     std::string &JsonPath, std::string &Error) const;
  void runCommands(const std::string &Name, const llvm::json::Array &Commands,
                   ScriptContext &Ctx, ScriptReport &Report) const;
  void report(const ScriptReport &Report);
  void record(const std::string &Script, const ScriptReport::Entry &E,
              Tally &File);
  void checkStaleKnownFailures();
  bool writeKnownFailures() const;
  void printSummary() const;

  Options Opts;
  std::map<std::string, std::unique_ptr<CommandHandler>> Handlers;
  std::set<std::string> KnownFailures;
  std::set<std::string> SeenListed; // listed tests that passed or failed
  std::set<std::string> ScriptsRun;
  /// Every test that failed, listed or not: (script, line).
  std::set<std::pair<std::string, unsigned>> Failing;
  Tally Total;
  std::map<std::string, Tally> ByCommand;
  unsigned UnexpectedPasses = 0;
};

} // namespace wasmaot::spectest

#endif
