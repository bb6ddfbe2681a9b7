//===- Runner.cpp - The per-script loop, known failures and the report ----===//
#include "Runner.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace wasmaot::spectest {

using llvm::errs;
using llvm::outs;

Runner::Runner(Options Opts)
    : Opts(std::move(Opts)), Handlers(createHandlers()) {}

int Runner::run() {
  if (!loadKnownFailures())
    return 1;
  std::vector<std::string> Scripts;
  if (!findScripts(Scripts))
    return 1;
  for (const std::string &Path : Scripts)
    runScript(Path);
  checkStaleKnownFailures();
  printSummary();
  return Total.Failed == 0 && UnexpectedPasses == 0 ? 0 : 1;
}

/// One test name per line (`file.wast:LINE`); `#` starts a comment.
bool Runner::loadKnownFailures() {
  if (Opts.KnownFailuresPath.empty())
    return true;
  auto Buffer = llvm::MemoryBuffer::getFile(Opts.KnownFailuresPath);
  if (!Buffer) {
    errs() << "wasmaot-spectest: error: cannot read " << Opts.KnownFailuresPath
           << "\n";
    return false;
  }
  llvm::SmallVector<llvm::StringRef> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    Line = Line.split('#').first.trim();
    if (!Line.empty())
      KnownFailures.insert(Line.str());
  }
  return true;
}

bool Runner::findScripts(std::vector<std::string> &Paths) {
  if (!llvm::sys::fs::is_directory(Opts.SuiteDir)) {
    errs() << "wasmaot-spectest: error: no spec suite at " << Opts.SuiteDir
           << "\n";
    return false;
  }
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Opts.SuiteDir, EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::StringRef Path = It->path();
    if (!Path.ends_with(".wast"))
      continue;
    std::string Name = llvm::sys::path::filename(Path).str();
    if (!Opts.Scripts.empty() &&
        std::find(Opts.Scripts.begin(), Opts.Scripts.end(), Name) ==
            Opts.Scripts.end())
      continue;
    Paths.push_back(Path.str());
  }
  std::sort(Paths.begin(), Paths.end());
  if (EC || Paths.empty()) {
    errs() << "wasmaot-spectest: error: no .wast scripts in " << Opts.SuiteDir
           << "\n";
    return false;
  }
  return true;
}

bool Runner::convertScript(const std::string &Path, const std::string &OutDir,
                           std::string &JsonPath) {
  llvm::SmallString<128> Json(OutDir);
  llvm::sys::path::append(Json, llvm::sys::path::stem(Path) + ".json");
  JsonPath = Json.str().str();
  llvm::SmallString<128> Log(OutDir);
  llvm::sys::path::append(Log, "wast2json.log");
  std::vector<llvm::StringRef> Args = {Opts.Wast2Json, Path, "-o", JsonPath};
  for (const std::string &Flag : Opts.Wast2JsonFlags)
    Args.push_back(Flag);
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, Log.str(),
                                                Log.str()};
  std::string Error;
  int RC = llvm::sys::ExecuteAndWait(Opts.Wast2Json, Args, std::nullopt,
                                     Redirects, 0, 0, &Error);
  if (RC == 0)
    return true;
  auto Text = llvm::MemoryBuffer::getFile(Log);
  errs() << "wast2json failed on " << Path << ": "
         << (Error.empty() && Text ? (*Text)->getBuffer() : Error) << "\n";
  return false;
}

void Runner::runScript(const std::string &Path) {
  std::string Name = llvm::sys::path::filename(Path).str();
  ScriptsRun.insert(Name);
  Tally File;
  llvm::SmallString<128> Dir;
  if (llvm::sys::fs::createUniqueDirectory("wasmaot-spectest", Dir)) {
    fail(Name, "cannot create a temporary directory", File);
    return;
  }
  std::string JsonPath;
  if (!convertScript(Path, Dir.str().str(), JsonPath)) {
    fail(Name, "wast2json could not convert the script", File);
  } else if (auto Buffer = llvm::MemoryBuffer::getFile(JsonPath); !Buffer) {
    fail(Name, "wast2json wrote no JSON", File);
  } else if (auto Json = llvm::json::parse((*Buffer)->getBuffer()); !Json) {
    llvm::consumeError(Json.takeError());
    fail(Name, "wast2json's JSON does not parse", File);
  } else if (const llvm::json::Array *Commands =
                 Json->getAsObject() ? Json->getAsObject()->getArray("commands")
                                     : nullptr;
             !Commands) {
    fail(Name, "wast2json's JSON has no commands", File);
  } else {
    ScriptContext Ctx;
    Ctx.Dir = Dir.str().str();
    runCommands(Name, *Commands, Ctx, File);
  }
  llvm::sys::fs::remove_directories(Dir);
  outs() << Name << ": " << File.Passed << " passed, " << File.Failed
         << " failed, " << File.NotApplicable << " n/a, " << File.NotRunYet
         << " not run yet";
  if (File.KnownFailures)
    outs() << ", " << File.KnownFailures << " known failures";
  if (File.WrongCategory)
    outs() << " (" << File.WrongCategory
           << " rejected as invalid/malformed the other way round)";
  outs() << "\n";
}

void Runner::runCommands(const std::string &Name,
                         const llvm::json::Array &Commands, ScriptContext &Ctx,
                         Tally &File) {
  for (const llvm::json::Value &V : Commands) {
    const llvm::json::Object *Obj = V.getAsObject();
    if (!Obj)
      continue;
    Command C;
    C.Json = Obj;
    C.Type = Obj->getString("type").value_or("").str();
    C.Line = static_cast<unsigned>(Obj->getInteger("line").value_or(0));
    std::string TestName = Name + ":" + std::to_string(C.Line);
    auto It = Handlers.find(C.Type);
    if (It == Handlers.end()) {
      fail(TestName, "unknown command type \"" + C.Type + "\"", File);
      continue;
    }
    record(TestName, C.Type, It->second->run(C, Ctx), File);
  }
}

void Runner::record(const std::string &TestName, const std::string &Type,
                    const CommandResult &R, Tally &File) {
  Tally &Kind = ByCommand[Type];
  bool Listed = KnownFailures.count(TestName);
  switch (R.Result) {
  case Outcome::Passed:
    if (Listed) {
      SeenListed.insert(TestName);
      ++UnexpectedPasses;
      outs() << "  UNEXPECTED PASS " << TestName << " (" << Type
             << "): remove it from the known failures\n";
      break;
    }
    ++File.Passed, ++Total.Passed, ++Kind.Passed;
    if (R.WrongCategory)
      ++File.WrongCategory, ++Total.WrongCategory, ++Kind.WrongCategory;
    if (R.MessageDiffers)
      ++File.MessageDiffers, ++Total.MessageDiffers, ++Kind.MessageDiffers;
    if ((R.WrongCategory || R.MessageDiffers) && Opts.Verbose)
      outs() << "  note " << TestName << " (" << Type << "): " << R.Detail
             << "\n";
    break;
  case Outcome::Failed:
    if (Listed) {
      SeenListed.insert(TestName);
      ++File.KnownFailures, ++Total.KnownFailures, ++Kind.KnownFailures;
      break;
    }
    ++File.Failed, ++Total.Failed, ++Kind.Failed;
    outs() << "  FAIL " << TestName << " (" << Type << "): " << R.Detail
           << "\n";
    break;
  case Outcome::NotApplicable:
    ++File.NotApplicable, ++Total.NotApplicable, ++Kind.NotApplicable;
    break;
  case Outcome::NotRunYet:
    ++File.NotRunYet, ++Total.NotRunYet, ++Kind.NotRunYet;
    break;
  }
}

void Runner::fail(const std::string &TestName, const std::string &Why,
                  Tally &File) {
  record(TestName, "script", {Outcome::Failed, Why}, File);
}

/// A listed test that no longer fails must leave the list, so that the list
/// only shrinks: passing ones were reported in record(); this catches the
/// listed tests that did not fail for another reason (gone, not run).
void Runner::checkStaleKnownFailures() {
  for (const std::string &Test : KnownFailures) {
    std::string Script = Test.substr(0, Test.rfind(':'));
    if (!ScriptsRun.count(Script) || SeenListed.count(Test))
      continue;
    ++UnexpectedPasses;
    outs() << "  STALE " << Test
           << ": listed as a known failure but did not fail\n";
  }
}

void Runner::printSummary() const {
  outs() << "\nby command:\n";
  for (const auto &[Type, T] : ByCommand) {
    outs() << "  " << Type << ": " << T.Passed << " passed, " << T.Failed
           << " failed, " << T.NotApplicable << " n/a, " << T.NotRunYet
           << " not run yet";
    if (T.KnownFailures)
      outs() << ", " << T.KnownFailures << " known failures";
    if (T.WrongCategory)
      outs() << ", " << T.WrongCategory << " of the passed in the other "
             << "category";
    if (T.MessageDiffers)
      outs() << ", " << T.MessageDiffers << " of the passed with another "
             << "message";
    outs() << "\n";
  }
  outs() << "\n"
         << Total.NotApplicable << " n/a, " << Total.NotRunYet
         << " not run yet, " << Total.KnownFailures << " known failures\n";
  outs() << Total.Passed << " passed, " << Total.Failed + UnexpectedPasses
         << " failed\n";
}

} // namespace wasmaot::spectest
