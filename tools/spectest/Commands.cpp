//===- Commands.cpp - Handlers for the commands the frontend can check ----===//
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
  R.Accepted = loadModule(std::move(Bytes), M, R.Diag);
  return R;
}

CommandResult missingFile(const Command &C) {
  return {Outcome::Failed,
          "wast2json wrote no file \"" + getString(C, "filename") + "\"",
          false};
}

/// `module`: a valid module, which later commands act on.
class ModuleHandler : public CommandHandler {
public:
  CommandResult run(const Command &C, ScriptContext &Ctx) override {
    Module M;
    LoadResult R = loadCommandModule(C, Ctx, M);
    Ctx.Current.reset();
    if (!R.FileFound)
      return missingFile(C);
    if (!R.Accepted)
      return {Outcome::Failed, "valid module rejected: " + describe(R.Diag)};
    std::string Name = getString(C, "name");
    if (!Name.empty())
      Ctx.Named[Name] = M;
    Ctx.Current = std::move(M);
    return {Outcome::Passed, ""};
  }
};

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

/// `assert_unlinkable` and `assert_uninstantiable`: the module is valid (that
/// much is checked now); linking or instantiating it is the executor's part.
class LinkTimeHandler : public CommandHandler {
public:
  CommandResult run(const Command &C, ScriptContext &Ctx) override {
    Module M;
    LoadResult R = loadCommandModule(C, Ctx, M);
    if (!R.FileFound)
      return missingFile(C);
    if (!R.Accepted)
      return {Outcome::Failed, "valid module rejected: " + describe(R.Diag)};
    return {Outcome::NotRunYet, "needs linking and instantiation"};
  }
};

/// Commands that run code: the executor's hook.
class ExecutionHandler : public CommandHandler {
public:
  CommandResult run(const Command &C, ScriptContext &Ctx) override {
    return {Outcome::NotRunYet, "needs the executor"};
  }
};

} // namespace

std::map<std::string, std::unique_ptr<CommandHandler>> createHandlers() {
  std::map<std::string, std::unique_ptr<CommandHandler>> H;
  H["module"] = std::make_unique<ModuleHandler>();
  H["assert_malformed"] = std::make_unique<RejectionHandler>(true);
  H["assert_invalid"] = std::make_unique<RejectionHandler>(false);
  H["assert_unlinkable"] = std::make_unique<LinkTimeHandler>();
  H["assert_uninstantiable"] = std::make_unique<LinkTimeHandler>();
  for (const char *Kind : {"register", "action", "assert_return", "assert_trap",
                           "assert_exhaustion", "assert_exception"})
    H[Kind] = std::make_unique<ExecutionHandler>();
  return H;
}

} // namespace wasmaot::spectest
