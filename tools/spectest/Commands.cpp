//===- Commands.cpp - What each command of a spec script does -------------===//
#include "Commands.h"

#include "frontend/Frontend.h"

#include <fstream>
#include <iterator>

namespace wasmaot::spectest {

namespace {

std::string getString(const Command &C, llvm::StringRef Key) {
  if (auto S = C.Json->getString(Key))
    return S->str();
  return "";
}

bool readModuleFile(const std::string &Path, std::vector<uint8_t> &Bytes) {
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return false;
  Bytes.assign(std::istreambuf_iterator<char>(In),
               std::istreambuf_iterator<char>());
  return true;
}

std::string describe(const Diagnostic &D) {
  char Offset[16];
  snprintf(Offset, sizeof(Offset), "0x%x", D.Offset);
  return std::string(D.Malformed ? "malformed" : "invalid") + " at " + Offset +
         ": " + D.Message;
}

/// Loads the command's module file; false with Diag filled when rejected.
/// A missing file is reported through Diag as well, but never as a rejection
/// the script could have asked for.
struct LoadResult {
  bool FileFound = false;
  bool Accepted = false;
  Diagnostic Diag;
};

LoadResult loadCommandModule(const Command &C, const ScriptContext &Ctx,
                             Module &M) {
  LoadResult R;
  std::vector<uint8_t> Bytes;
  if (!readModuleFile(Ctx.Dir + "/" + getString(C, "filename"), Bytes))
    return R;
  R.FileFound = true;
  R.Accepted = loadModule(std::move(Bytes), M, R.Diag, Ctx.Cache.features());
  return R;
}

CommandResult missingFile(const Command &C) {
  return {Outcome::Failed,
          "wast2json wrote no file \"" + getString(C, "filename") + "\"",
          false};
}

/// `assert_malformed` and `assert_invalid`: the module must be rejected, and
/// for the right reason. Text-format modules are the text parser's business,
/// which wasmaot does not have.
class RejectionHandler : public CommandHandler {
public:
  explicit RejectionHandler(bool ExpectMalformed)
      : ExpectMalformed(ExpectMalformed) {}

  CommandResult run(const Command &C, ScriptContext &Ctx) override {
    if (getString(C, "module_type") == "text")
      return {Outcome::NotApplicable, "text format"};
    Module M;
    LoadResult R = loadCommandModule(C, Ctx, M);
    if (!R.FileFound)
      return missingFile(C);
    std::string Expected = getString(C, "text");
    if (R.Accepted)
      return {Outcome::Failed,
              "module accepted, expected \"" + Expected + "\""};
    CommandResult Result{Outcome::Passed, describe(R.Diag)};
    Result.WrongCategory = R.Diag.Malformed != ExpectMalformed;
    Result.MessageDiffers = R.Diag.Message.find(Expected) == std::string::npos;
    if (Result.WrongCategory || Result.MessageDiffers)
      Result.Detail += " (expected " +
                       std::string(ExpectMalformed ? "malformed" : "invalid") +
                       ": \"" + Expected + "\")";
    return Result;
  }

private:
  bool ExpectMalformed;
};

/// The command's module compiled and loaded (through the cache), or null with
/// Why filled.
const CompiledModule *compileCommandModule(const Command &C, ScriptContext &Ctx,
                                           std::string &Why) {
  std::string File = getString(C, "filename");
  std::vector<uint8_t> Bytes;
  if (!readModuleFile(Ctx.Dir + "/" + File, Bytes)) {
    Why = "wast2json wrote no file \"" + File + "\"";
    return nullptr;
  }
  const CompiledModule &CM = Ctx.Cache.get(File, Bytes);
  if (!CM.ok()) {
    Why = (CM.Rejected ? "valid module rejected: " : "") + CM.Error;
    return nullptr;
  }
  return &CM;
}

/// The spec's messages are compared loosely: the runtime's message contains
/// the script's text, or is a prefix of it (the reference interpreter adds
/// details such as "uninitialized element 2").
bool messageMatches(const std::string &Actual, const std::string &Expected) {
  return Actual.find(Expected) != std::string::npos ||
         (!Actual.empty() && Expected.compare(0, Actual.size(), Actual) == 0);
}

std::string describeInstantiation(const InstantiateOutcome &R) {
  switch (R.S) {
  case InstantiateResult::Status::Ok:
    return "instantiated";
  case InstantiateResult::Status::LinkError:
    return "link error: " + R.Message;
  case InstantiateResult::Status::Trapped:
    return "instantiation trapped: " + R.T.toString();
  case InstantiateResult::Status::Exited:
    return "the start function exited with " + std::to_string(R.ExitCode);
  case InstantiateResult::Status::Error:
    return "instantiation failed: " + R.Message;
  }
  return "?";
}

/// `module`: compiled, linked, loaded and instantiated; later commands act on
/// it (and on it by name when it has one).
class ModuleHandler : public CommandHandler {
public:
  CommandResult run(const Command &C, ScriptContext &Ctx) override {
    Ctx.Current = -1;
    std::string Why;
    const CompiledModule *CM = compileCommandModule(C, Ctx, Why);
    if (!CM)
      return {Outcome::Failed, Why};
    InstantiateOutcome R = Ctx.Exec->instantiate(*CM);
    if (!R.ok())
      return {Outcome::Failed, describeInstantiation(R)};
    Ctx.Current = R.Id;
    std::string Name = getString(C, "name");
    if (!Name.empty())
      Ctx.Named[Name] = R.Id;
    return {Outcome::Passed, ""};
  }
};

/// `assert_unlinkable` (Instance::create reports a link error) and
/// `assert_uninstantiable` (a segment or the start function traps; the
/// instance stays alive, since what it wrote into imported tables may refer
/// to it).
class LinkTimeHandler : public CommandHandler {
public:
  explicit LinkTimeHandler(InstantiateResult::Status Expected)
      : Expected(Expected) {}

  CommandResult run(const Command &C, ScriptContext &Ctx) override {
    std::string Why;
    const CompiledModule *CM = compileCommandModule(C, Ctx, Why);
    if (!CM)
      return {Outcome::Failed, Why};
    InstantiateOutcome R = Ctx.Exec->instantiate(*CM);
    std::string Text = getString(C, "text");
    std::string Got = describeInstantiation(R);
    if (R.S != Expected)
      return {Outcome::Failed, Got + ", expected \"" + Text + "\""};
    const std::string &Message =
        R.S == InstantiateResult::Status::Trapped ? R.T.Message : R.Message;
    if (!messageMatches(Message, Text))
      return {Outcome::Failed, Got + ", expected \"" + Text + "\""};
    return {Outcome::Passed, Got};
  }

private:
  InstantiateResult::Status Expected;
};

/// `register`: the instance's exports become importable under a name.
class RegisterHandler : public CommandHandler {
public:
  CommandResult run(const Command &C, ScriptContext &Ctx) override {
    std::string Name = getString(C, "name");
    int Id = Ctx.findInstance(Name);
    if (Id < 0)
      return {Outcome::Failed,
              "no module " + (Name.empty() ? "" : Name + " ") + "to register"};
    std::string Error;
    if (!Ctx.Exec->registerInstance(Id, getString(C, "as"), Error))
      return {Outcome::Failed, "register: " + Error};
    return {Outcome::Passed, ""};
  }
};

/// What an action did: Ok with results, Trapped, or could not run (Error).
struct ActionResult {
  enum class Status { Ok, Trapped, Error } S = Status::Error;
  std::vector<Value> Results;
  Trap T;
  std::string Message; // Error
};

/// Runs the command's action: invoke an export, or get an exported global.
ActionResult runAction(const Command &C, ScriptContext &Ctx) {
  ActionResult R;
  const llvm::json::Object *Action = C.Json->getObject("action");
  if (!Action) {
    R.Message = "no action";
    return R;
  }
  std::string Module = Action->getString("module").value_or("").str();
  std::string Field = Action->getString("field").value_or("").str();
  int Id = Ctx.findInstance(Module);
  if (Id < 0) {
    R.Message = "no module" + (Module.empty() ? "" : " " + Module) +
                " (it failed to load or instantiate)";
    return R;
  }
  llvm::StringRef Type = Action->getString("type").value_or("");
  if (Type != "invoke" && Type != "get") {
    R.Message = "unknown action \"" + Type.str() + "\"";
    return R;
  }
  std::vector<Value> Args;
  if (const llvm::json::Array *A = Action->getArray("args")) {
    for (const llvm::json::Value &Arg : *A) {
      Value V;
      const llvm::json::Object *O = Arg.getAsObject();
      if (!O || !parseValue(*O, V, R.Message))
        return R;
      Args.push_back(V);
    }
  }
  ActionOutcome IR = Type == "get" ? Ctx.Exec->getGlobal(Id, Field)
                                   : Ctx.Exec->invoke(Id, Field, Args);
  switch (IR.S) {
  case InvokeResult::Status::Ok:
    R.S = ActionResult::Status::Ok;
    R.Results = std::move(IR.Results);
    break;
  case InvokeResult::Status::Trapped:
    R.S = ActionResult::Status::Trapped;
    R.T = std::move(IR.T);
    break;
  case InvokeResult::Status::Exited:
    R.Message = "exited with " + std::to_string(IR.ExitCode);
    break;
  case InvokeResult::Status::Error:
    R.Message = Type == "get"
                    ? IR.Message
                    : "cannot invoke \"" + Field + "\": " + IR.Message;
    break;
  }
  return R;
}

/// A bare action (must not trap) and `assert_return` (must return exactly the
/// expected values).
class ReturnHandler : public CommandHandler {
public:
  explicit ReturnHandler(bool CheckResults) : CheckResults(CheckResults) {}

  CommandResult run(const Command &C, ScriptContext &Ctx) override {
    ActionResult R = runAction(C, Ctx);
    if (R.S == ActionResult::Status::Error)
      return {Outcome::Failed, R.Message};
    if (R.S == ActionResult::Status::Trapped)
      return {Outcome::Failed, "trapped: " + R.T.toString()};
    if (!CheckResults)
      return {Outcome::Passed, ""};
    const llvm::json::Array *Expected = C.Json->getArray("expected");
    size_t N = Expected ? Expected->size() : 0;
    if (R.Results.size() != N)
      return {Outcome::Failed, "expected " + std::to_string(N) +
                                   " results, got " +
                                   std::to_string(R.Results.size())};
    for (size_t I = 0; I < N; ++I) {
      const llvm::json::Object *E = (*Expected)[I].getAsObject();
      std::string Why = "bad expected value";
      if (!E || !matchValue(*E, R.Results[I], Why))
        return {Outcome::Failed, "result " + std::to_string(I) + ": " + Why};
    }
    return {Outcome::Passed, ""};
  }

private:
  bool CheckResults;
};

/// `assert_trap` and `assert_exhaustion`: the action must trap with the
/// script's message.
class TrapHandler : public CommandHandler {
public:
  CommandResult run(const Command &C, ScriptContext &Ctx) override {
    // An assert_trap on a module: its instantiation traps. (wast2json writes
    // these as assert_uninstantiable; other converters may not.)
    if (!C.Json->getObject("action") && C.Json->getString("filename"))
      return LinkTimeHandler(InstantiateResult::Status::Trapped).run(C, Ctx);
    ActionResult R = runAction(C, Ctx);
    std::string Text = getString(C, "text");
    if (R.S == ActionResult::Status::Error)
      return {Outcome::Failed, R.Message};
    if (R.S == ActionResult::Status::Ok) {
      std::string Got;
      for (const Value &V : R.Results)
        Got += " " + formatValue(V);
      return {Outcome::Failed, "returned" + (Got.empty() ? "" : Got) +
                                   ", expected a trap \"" + Text + "\""};
    }
    if (!messageMatches(R.T.Message, Text))
      return {Outcome::Failed, "trapped with \"" + R.T.toString() +
                                   "\", expected \"" + Text + "\""};
    return {Outcome::Passed, R.T.toString()};
  }
};

/// `assert_exception` (exception handling): the action must end with an
/// exception that nothing caught, which the runtime reports as the trap
/// "uncaught exception (TAG)".
class ExceptionHandler : public CommandHandler {
public:
  CommandResult run(const Command &C, ScriptContext &Ctx) override {
    ActionResult R = runAction(C, Ctx);
    if (R.S == ActionResult::Status::Error)
      return {Outcome::Failed, R.Message};
    if (R.S == ActionResult::Status::Ok)
      return {Outcome::Failed, "returned, expected an uncaught exception"};
    if (!llvm::StringRef(R.T.Message).starts_with("uncaught exception"))
      return {Outcome::Failed, "trapped with \"" + R.T.toString() +
                                   "\", expected an uncaught exception"};
    return {Outcome::Passed, R.T.toString()};
  }
};

} // namespace

std::map<std::string, std::unique_ptr<CommandHandler>> createHandlers() {
  std::map<std::string, std::unique_ptr<CommandHandler>> H;
  using Status = InstantiateResult::Status;
  H["module"] = std::make_unique<ModuleHandler>();
  H["assert_malformed"] = std::make_unique<RejectionHandler>(true);
  H["assert_invalid"] = std::make_unique<RejectionHandler>(false);
  H["assert_unlinkable"] = std::make_unique<LinkTimeHandler>(Status::LinkError);
  H["assert_uninstantiable"] =
      std::make_unique<LinkTimeHandler>(Status::Trapped);
  H["register"] = std::make_unique<RegisterHandler>();
  H["action"] = std::make_unique<ReturnHandler>(false);
  H["assert_return"] = std::make_unique<ReturnHandler>(true);
  H["assert_trap"] = std::make_unique<TrapHandler>();
  H["assert_exhaustion"] = std::make_unique<TrapHandler>();
  H["assert_exception"] = std::make_unique<ExceptionHandler>();
  return H;
}

} // namespace wasmaot::spectest
