//===- Commands.h - What each kind of spec-script command checks ----------===//
//
// One handler per command kind of wast2json's output. The runner owns the loop
// over files and the report; a handler only says what became of one command.
// Modules are compiled, loaded and instantiated as in the runtime's library
// mode (Executor.h); actions call their exports.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_SPECTEST_COMMANDS_H
#define WASMAOT_TOOLS_SPECTEST_COMMANDS_H

#include "Executor.h"

#include "frontend/Module.h"

#include "llvm/Support/JSON.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace wasmaot::spectest {

enum class Outcome {
  Passed,
  Failed,
  NotApplicable, // e.g. a text-format module: wast2json gives no binary
  NotRunYet,     // a command kind the runner does not execute
};

struct CommandResult {
  Outcome Result = Outcome::NotRunYet;
  std::string Detail; // why it failed, or what was not run
  /// Rejected as expected, but as invalid where the script says malformed or
  /// the other way round: the spec runner counts these apart.
  bool WrongCategory = false;
  /// Rejected as expected, with a message that does not contain the script's
  /// expected text (the spec compares messages only loosely).
  bool MessageDiffers = false;
};

/// One command of a script, as wast2json wrote it.
struct Command {
  std::string Type; // "module", "assert_invalid", ...
  unsigned Line = 0;
  const llvm::json::Object *Json = nullptr;
};

/// What commands of one script share: where its modules are, and the session
/// that runs them (which keeps every instance until the script ends).
struct ScriptContext {
  ScriptContext(std::string Dir, ModuleCache &Cache,
                std::unique_ptr<Session> Exec)
      : Dir(std::move(Dir)), Cache(Cache), Exec(std::move(Exec)) {}
  ScriptContext(const ScriptContext &) = delete;
  ScriptContext &operator=(const ScriptContext &) = delete;

  std::string Dir; // where wast2json wrote the modules
  ModuleCache &Cache;
  std::unique_ptr<Session> Exec;
  /// The most recent module command's instance; -1 if it failed.
  int Current = -1;
  /// Instances of modules named with `(module $name ...)`.
  std::map<std::string, int> Named;

  /// The instance a command names (its module field), or the current one;
  /// -1 when there is none.
  int findInstance(const std::string &Name) const {
    if (Name.empty())
      return Current;
    auto It = Named.find(Name);
    return It == Named.end() ? -1 : It->second;
  }
};

class CommandHandler {
public:
  virtual ~CommandHandler() = default;
  virtual CommandResult run(const Command &C, ScriptContext &Ctx) = 0;
};

/// The handler for each command type wast2json emits.
std::map<std::string, std::unique_ptr<CommandHandler>> createHandlers();

} // namespace wasmaot::spectest

#endif
