//===- main.cpp - wasmaot-spectest: runs the official spec test suite -----===//
//
// Usage: wasmaot-spectest [--suite DIR] [--known-failures FILE]
//                         [--write-known-failures FILE]
//                         [--bounds-checks=guard|explicit] [-O0..-O3]
//                         [-j N] [--wast2json PATH] [--enable-all] [-v]
//                         [--target TRIPLE] [--remote] [--executor PATH]
//                         [--qemu PATH] [SCRIPT...]
//
//===----------------------------------------------------------------------===//
#include "Runner.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

using namespace wasmaot::spectest;

/// How the modules of Triple run (Options::ExecutorArgv): in this process
/// for the host's target, unless Remote; else in wasmaot-spectest-exec built
/// for Triple (default: beside this program, in TRIPLE/), behind qemu with
/// the target's C library for a foreign target. False, with Error, when this
/// build has no executor for Triple.
static bool chooseExecutor(const std::string &Triple, bool Remote,
                           std::string Executor, std::string Qemu,
                           const char *Argv0, std::vector<std::string> &Argv,
                           std::string &Error) {
  bool Foreign = Triple != wasmaot::getHostTriple();
  if (!Foreign && !Remote)
    return true;
  if (Executor.empty()) {
    static int Anchor;
    llvm::SmallString<256> Path(llvm::sys::path::parent_path(
        llvm::sys::fs::getMainExecutable(Argv0, &Anchor)));
    llvm::sys::path::append(Path, Triple, "wasmaot-spectest-exec");
    Executor = std::string(Path);
  }
  if (!llvm::sys::fs::can_execute(Executor)) {
    Error = "no executor for " + Triple + " at '" + Executor +
            "' (is the runtime for that target built?)";
    return false;
  }
  if (Foreign) {
    // WASMAOT_SPECTEST_CROSS: "TRIPLE|QEMU|SYSROOT;..." from CMake.
    llvm::SmallVector<llvm::StringRef, 4> Targets;
    llvm::StringRef(WASMAOT_SPECTEST_CROSS).split(Targets, ';', -1, false);
    std::string Sysroot;
    for (llvm::StringRef T : Targets) {
      llvm::SmallVector<llvm::StringRef, 3> Fields;
      T.split(Fields, '|');
      if (Fields.size() == 3 && Fields[0] == Triple) {
        if (Qemu.empty())
          Qemu = Fields[1].str();
        Sysroot = Fields[2].str();
      }
    }
    if (Sysroot.empty()) {
      Error = "this build has no runtime for '" + Triple + "'";
      return false;
    }
    Argv = {Qemu, "-L", Sysroot};
  }
  Argv.push_back(Executor);
  return true;
}

static void printUsage() {
  llvm::outs()
      << "usage: wasmaot-spectest [--suite DIR] [--known-failures FILE]\n"
         "                        [--write-known-failures FILE]\n"
         "                        [--bounds-checks=guard|explicit] [-O0..-O3]\n"
         "                        [-j N] [--parts N] [--wast2json PATH]\n"
         "                        [--enable-all]\n"
         "                        [--target TRIPLE] [--remote]\n"
         "                        [--executor PATH] [--qemu PATH]\n"
         "                        [-v] [SCRIPT.wast...]\n"
         "Runs the spec suite's scripts (all of DIR, or only those named):\n"
         "each module is compiled (-O2 and guard pages by default), linked\n"
         "into a shared library, loaded and instantiated, and every command\n"
         "is checked. -j runs that many scripts at once (default 1).\n"
         "--parts splits each module into N parts compiled apart, as\n"
         "`wasmaot compile --parts` does.\n"
         "--write-known-failures writes the tests failing in this run.\n"
         "--target compiles for another target; its modules then run in\n"
         "wasmaot-spectest-exec built for it, under qemu (--qemu, default\n"
         "the one found at build time). --remote runs the host's modules\n"
         "in the host's executor too (a test of that protocol).\n"
         "The last line of output is `N passed, N failed`.\n";
}

int main(int Argc, char **Argv) {
  Options Opts;
  Opts.SuiteDir = WASMAOT_SOURCE_DIR "/../shared/spec-testsuite/wasm-2.0";
  Opts.KnownFailuresPath = WASMAOT_SOURCE_DIR "/test/spec/known-failures.txt";
  Opts.Wast2Json = WASMAOT_WAST2JSON;
  // Scripts run in parallel (-j); each module compiles on its own thread.
  Opts.Compile.Codegen.Jobs = 1;
  std::string Target, Executor, Qemu;
  bool Remote = false;
  for (int I = 1; I < Argc; ++I) {
    const char *Arg = Argv[I];
    auto Value = [&]() -> const char * {
      if (I + 1 >= Argc) {
        llvm::errs() << "wasmaot-spectest: error: " << Arg
                     << " needs a value\n";
        std::exit(1);
      }
      return Argv[++I];
    };
    // "--name=value" or "--name value".
    auto Option = [&](const char *Name, std::string &Out) {
      size_t N = std::strlen(Name);
      if (std::strncmp(Arg, Name, N))
        return false;
      if (Arg[N] == '=')
        Out = Arg + N + 1;
      else if (!Arg[N])
        Out = Value();
      else
        return false;
      return true;
    };
    std::string S;
    if (Option("--bounds-checks", S)) {
      if (S == "guard")
        Opts.Compile.Lowering.Bounds = wasmaot::BoundsChecks::Guard;
      else if (S == "explicit")
        Opts.Compile.Lowering.Bounds = wasmaot::BoundsChecks::Explicit;
      else {
        llvm::errs() << "wasmaot-spectest: error: --bounds-checks is guard or "
                        "explicit, not '"
                     << S << "'\n";
        return 1;
      }
    } else if (!std::strncmp(Arg, "-O", 2) && Arg[2] >= '0' && Arg[2] <= '3' &&
               !Arg[3]) {
      Opts.Compile.Codegen.OptLevel = unsigned(Arg[2] - '0');
    } else if (Option("--jobs", S) || Option("-j", S)) {
      Opts.Jobs = unsigned(std::max(1, std::atoi(S.c_str())));
    } else if (!std::strncmp(Arg, "-j", 2) && std::isdigit(Arg[2])) {
      Opts.Jobs = unsigned(std::max(1, std::atoi(Arg + 2)));
    } else if (Option("--parts", S)) {
      // Every module split into this many parts (when it has that many
      // functions): the spec suite then tests the module splitter too.
      Opts.Compile.Codegen.Parts = unsigned(std::max(1, std::atoi(S.c_str())));
    } else if (Option("--write-known-failures", S)) {
      Opts.WriteKnownFailuresPath = S;
    } else if (!std::strcmp(Arg, "--suite"))
      Opts.SuiteDir = Value();
    else if (!std::strcmp(Arg, "--known-failures"))
      Opts.KnownFailuresPath = Value();
    else if (!std::strcmp(Arg, "--wast2json"))
      Opts.Wast2Json = Value();
    else if (Option("--target", S))
      Target = S;
    else if (!std::strcmp(Arg, "--remote"))
      Remote = true;
    else if (Option("--executor", S))
      Executor = S;
    else if (Option("--qemu", S))
      Qemu = S;
    else if (!std::strcmp(Arg, "--enable-all"))
      Opts.Wast2JsonFlags.push_back("--enable-all");
    else if (!std::strncmp(Arg, "--disable-", 10) &&
             Opts.Compile.Enabled.set(Arg + 10, false))
      ; // wasm-2.0/ runs with every feature off
    else if (!std::strcmp(Arg, "-v") || !std::strcmp(Arg, "--verbose"))
      Opts.Verbose = true;
    else if (!std::strcmp(Arg, "-h") || !std::strcmp(Arg, "--help")) {
      printUsage();
      return 0;
    } else if (Arg[0] == '-') {
      llvm::errs() << "wasmaot-spectest: error: unknown option " << Arg << "\n";
      return 1;
    } else {
      Opts.Scripts.push_back(Arg);
    }
  }
  if (!Target.empty())
    Opts.Compile.Codegen.Triple = Target;
  // wast2json parses what the decoder will be asked to accept.
  for (std::string_view Name : wasmaot::Features::names())
    if (Opts.Compile.Enabled.isEnabled(Name))
      Opts.Wast2JsonFlags.push_back("--enable-" + std::string(Name));
  std::string Error;
  if (!chooseExecutor(Opts.Compile.Codegen.Triple, Remote, Executor, Qemu,
                      Argv[0], Opts.ExecutorArgv, Error)) {
    llvm::errs() << "wasmaot-spectest: error: " << Error << "\n";
    return 1;
  }
  return Runner(std::move(Opts)).run();
}
