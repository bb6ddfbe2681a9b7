//===- Runner.cpp - The per-script loop, known failures and the report ----===//
#include "Runner.h"
#include "RemoteSession.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <pthread.h>

namespace wasmaot::spectest {

using llvm::errs;
using llvm::outs;

namespace {

/// A thread with a stack size of our choosing (std::thread takes the system's
/// default, which may be small): call stack exhaustion must be reached through
/// the runtime's limit, far from the end of the stack.
class WorkerThread {
public:
  explicit WorkerThread(std::function<void()> Fn) : Fn(std::move(Fn)) {
    pthread_attr_t Attr;
    pthread_attr_init(&Attr);
    pthread_attr_setstacksize(&Attr, StackSize);
    Started = pthread_create(&Thread, &Attr, &WorkerThread::main, this) == 0;
    pthread_attr_destroy(&Attr);
    if (!Started) // Run it here rather than not at all.
      this->Fn();
  }
  WorkerThread(const WorkerThread &) = delete;
  WorkerThread &operator=(const WorkerThread &) = delete;
  ~WorkerThread() { join(); }

  void join() {
    if (Started)
      pthread_join(Thread, nullptr);
    Started = false;
  }

private:
  static constexpr size_t StackSize = size_t(32) << 20;
  static void *main(void *Self) {
    static_cast<WorkerThread *>(Self)->Fn();
    return nullptr;
  }
  std::function<void()> Fn;
  pthread_t Thread;
  bool Started = false;
};

/// Details quote names from the scripts, which may hold any byte: one line
/// each in the report.
std::string printable(const std::string &S) {
  std::string Out;
  for (unsigned char C : S) {
    if (C >= 0x20 && C != 0x7f) {
      Out.push_back(char(C));
      continue;
    }
    char Buf[8];
    snprintf(Buf, sizeof(Buf), "\\x%02x", C);
    Out += Buf;
  }
  return Out;
}

} // namespace

Runner::Runner(Options Opts)
    : Opts(std::move(Opts)), Handlers(createHandlers()) {}

int Runner::run() {
  if (!loadKnownFailures())
    return 1;
  std::vector<std::string> Scripts;
  if (!findScripts(Scripts))
    return 1;
  llvm::SmallString<128> SoDir;
  if (llvm::sys::fs::createUniqueDirectory("wasmaot-spectest-so", SoDir)) {
    errs() << "wasmaot-spectest: error: cannot create a temporary directory\n";
    return 1;
  }
  auto Start = std::chrono::steady_clock::now();
  {
    ModuleCache Cache(Opts.Compile, SoDir.str().str(),
                      /*LoadInProcess=*/Opts.ExecutorArgv.empty());
    // Workers take the next script; the main thread reports them in order.
    std::vector<std::optional<ScriptReport>> Reports(Scripts.size());
    std::mutex Mutex;
    std::condition_variable Done;
    std::atomic<size_t> Next{0};
    auto Work = [&] {
      for (size_t I; (I = Next++) < Scripts.size();) {
        ScriptReport R = runScript(Scripts[I], Cache);
        std::lock_guard<std::mutex> Lock(Mutex);
        Reports[I] = std::move(R);
        Done.notify_all();
      }
    };
    std::vector<std::unique_ptr<WorkerThread>> Workers;
    for (unsigned J = 0; J < std::max(1u, Opts.Jobs); ++J)
      Workers.push_back(std::make_unique<WorkerThread>(Work));
    for (size_t I = 0; I < Scripts.size(); ++I) {
      std::optional<ScriptReport> R;
      {
        std::unique_lock<std::mutex> Lock(Mutex);
        Done.wait(Lock, [&] { return Reports[I].has_value(); });
        R = std::move(Reports[I]);
      }
      report(*R);
      outs().flush();
    }
    Workers.clear(); // joins
    if (Opts.Verbose)
      outs() << "compiled " << Cache.numCompiled() << " modules in "
             << llvm::format("%.1f", Cache.compileSeconds())
             << " s (summed over threads), reused " << Cache.numReused()
             << " times\n";
  } // Every instance is gone: the libraries may be closed.
  llvm::sys::fs::remove_directories(SoDir);
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  checkStaleKnownFailures();
  printSummary();
  outs() << "time: " << llvm::format("%.1f", Seconds) << " s\n";
  if (!Opts.WriteKnownFailuresPath.empty() && !writeKnownFailures())
    return 1;
  outs() << Total.Passed << " passed, " << Total.Failed + UnexpectedPasses
         << " failed\n";
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

/// A script as tests and known failures name it: its folder and file name
/// (`wasm-2.0/global.wast`), so that scripts of one name in two folders
/// (wasm-2.0/ and proposals/extended-const/) stay apart.
std::string Runner::getScriptName(llvm::StringRef Path) {
  llvm::StringRef Folder =
      llvm::sys::path::filename(llvm::sys::path::parent_path(Path));
  std::string File = llvm::sys::path::filename(Path).str();
  return Folder.empty() ? File : Folder.str() + "/" + File;
}

bool Runner::findScripts(std::vector<std::string> &Paths) {
  // Scripts named by a path run wherever they are; names alone pick scripts
  // of the suite.
  std::vector<std::string> Names;
  for (const std::string &S : Opts.Scripts) {
    if (llvm::sys::fs::is_regular_file(S))
      Paths.push_back(S);
    else if (S.find('/') != std::string::npos) {
      errs() << "wasmaot-spectest: error: no script " << S << "\n";
      return false;
    } else
      Names.push_back(S);
  }
  if (!Opts.Scripts.empty() && Names.empty())
    return true;
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
    if (!Names.empty() &&
        std::find(Names.begin(), Names.end(), Name) == Names.end())
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
                           std::string &JsonPath, std::string &Error) const {
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
  std::string ExecError;
  int RC = llvm::sys::ExecuteAndWait(Opts.Wast2Json, Args, std::nullopt,
                                     Redirects, 0, 0, &ExecError);
  if (RC == 0)
    return true;
  auto Text = llvm::MemoryBuffer::getFile(Log);
  Error = "wast2json could not convert the script: " +
          (ExecError.empty() && Text ? (*Text)->getBuffer().str() : ExecError);
  return false;
}

std::unique_ptr<Session> Runner::startSession(std::string &Error) const {
  if (Opts.ExecutorArgv.empty())
    return std::make_unique<LocalSession>();
  return RemoteSession::start(Opts.ExecutorArgv, Error);
}

Runner::ScriptReport Runner::runScript(const std::string &Path,
                                       ModuleCache &Cache) const {
  auto Start = std::chrono::steady_clock::now();
  ScriptReport Report;
  Report.Name = getScriptName(Path);
  auto Fail = [&](const std::string &Why) {
    Report.Entries.push_back(
        {Report.Name, "script", 0, {Outcome::Failed, Why}});
  };
  llvm::SmallString<128> Dir;
  if (llvm::sys::fs::createUniqueDirectory("wasmaot-spectest", Dir)) {
    Fail("cannot create a temporary directory");
    return Report;
  }
  std::string JsonPath, Error;
  if (!convertScript(Path, Dir.str().str(), JsonPath, Error)) {
    Fail(Error);
  } else if (auto Buffer = llvm::MemoryBuffer::getFile(JsonPath); !Buffer) {
    Fail("wast2json wrote no JSON");
  } else if (auto Json = llvm::json::parse((*Buffer)->getBuffer()); !Json) {
    llvm::consumeError(Json.takeError());
    Fail("wast2json's JSON does not parse");
  } else if (const llvm::json::Array *Commands =
                 Json->getAsObject() ? Json->getAsObject()->getArray("commands")
                                     : nullptr;
             !Commands) {
    Fail("wast2json's JSON has no commands");
  } else {
    std::string SessionError;
    if (std::unique_ptr<Session> Exec = startSession(SessionError)) {
      ScriptContext Ctx(Dir.str().str(), Cache, std::move(Exec));
      runCommands(Report.Name, *Commands, Ctx, Report);
    } else {
      Fail("cannot start the executor: " + SessionError);
    }
  }
  llvm::sys::fs::remove_directories(Dir);
  Report.Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  return Report;
}

void Runner::runCommands(const std::string &Name,
                         const llvm::json::Array &Commands, ScriptContext &Ctx,
                         ScriptReport &Report) const {
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
    CommandResult R =
        It == Handlers.end()
            ? CommandResult{Outcome::Failed,
                            "unknown command type \"" + C.Type + "\""}
            : It->second->run(C, Ctx);
    Report.Entries.push_back({TestName, C.Type, C.Line, std::move(R)});
  }
}

void Runner::report(const ScriptReport &Report) {
  const std::string &Name = Report.Name;
  ScriptsRun.insert(Name);
  Tally File;
  for (const ScriptReport::Entry &E : Report.Entries)
    record(Name, E, File);
  outs() << Name << ": " << File.Passed << " passed, " << File.Failed
         << " failed, " << File.NotApplicable << " n/a";
  if (File.NotRunYet)
    outs() << ", " << File.NotRunYet << " not run";
  if (File.KnownFailures)
    outs() << ", " << File.KnownFailures << " known failures";
  if (File.WrongCategory)
    outs() << " (" << File.WrongCategory
           << " rejected as invalid/malformed the other way round)";
  if (Opts.Verbose)
    outs() << " [" << llvm::format("%.2f", Report.Seconds) << " s]";
  outs() << "\n";
}

void Runner::record(const std::string &Script, const ScriptReport::Entry &E,
                    Tally &File) {
  const std::string &TestName = E.TestName;
  const std::string &Type = E.Type;
  const CommandResult &R = E.Result;
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
      outs() << "  note " << TestName << " (" << Type
             << "): " << printable(R.Detail) << "\n";
    break;
  case Outcome::Failed:
    Failing.insert({Script, E.Line});
    if (Listed) {
      SeenListed.insert(TestName);
      ++File.KnownFailures, ++Total.KnownFailures, ++Kind.KnownFailures;
      if (Opts.Verbose)
        outs() << "  known failure " << TestName << " (" << Type
               << "): " << printable(R.Detail) << "\n";
      break;
    }
    ++File.Failed, ++Total.Failed, ++Kind.Failed;
    outs() << "  FAIL " << TestName << " (" << Type
           << "): " << printable(R.Detail) << "\n";
    break;
  case Outcome::NotApplicable:
    ++File.NotApplicable, ++Total.NotApplicable, ++Kind.NotApplicable;
    break;
  case Outcome::NotRunYet:
    ++File.NotRunYet, ++Total.NotRunYet, ++Kind.NotRunYet;
    break;
  }
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

/// The tests failing in this run, listed or not, in script and line order: a
/// known-failures list.
bool Runner::writeKnownFailures() const {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Opts.WriteKnownFailuresPath, EC);
  if (EC) {
    errs() << "wasmaot-spectest: error: cannot write "
           << Opts.WriteKnownFailuresPath << ": " << EC.message() << "\n";
    return false;
  }
  OS << "# Spec tests that fail today, one per line: FOLDER/SCRIPT.wast:LINE\n"
        "# (the script's own folder, and the line of the command). The runner\n"
        "# fails when a test fails that is not listed here, and when a listed\n"
        "# one passes: remove it then. The same list holds for both "
        "bounds-check\n"
        "# modes. Generated with\n"
        "#   wasmaot-spectest --write-known-failures FILE\n";
  for (const auto &[Script, Line] : Failing)
    OS << Script << ":" << Line << "\n";
  return true;
}

void Runner::printSummary() const {
  outs() << "\nby command:\n";
  for (const auto &[Type, T] : ByCommand) {
    outs() << "  " << Type << ": " << T.Passed << " passed, " << T.Failed
           << " failed, " << T.NotApplicable << " n/a";
    if (T.NotRunYet)
      outs() << ", " << T.NotRunYet << " not run";
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
         << Total.NotApplicable << " n/a, " << Total.NotRunYet << " not run, "
         << Total.KnownFailures << " known failures\n";
}

} // namespace wasmaot::spectest
