//===- main.cpp - wasmaot-spectest: runs the official spec test suite -----===//
//
// Usage: wasmaot-spectest [--suite DIR] [--known-failures FILE]
//                         [--wast2json PATH] [--enable-all] [-v] [SCRIPT...]
//
//===----------------------------------------------------------------------===//
#include "Runner.h"

#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace wasmaot::spectest;

static void printUsage() {
  llvm::outs()
      << "usage: wasmaot-spectest [--suite DIR] [--known-failures FILE]\n"
         "                        [--wast2json PATH] [--enable-all] [-v]\n"
         "                        [SCRIPT.wast...]\n"
         "Runs the spec suite's scripts (all of DIR, or only those named).\n"
         "The last line of output is `N passed, N failed`.\n";
}

int main(int Argc, char **Argv) {
  Options Opts;
  Opts.SuiteDir = WASMAOT_SOURCE_DIR "/../shared/spec-testsuite/wasm-2.0";
  Opts.KnownFailuresPath = WASMAOT_SOURCE_DIR "/test/spec/known-failures.txt";
  Opts.Wast2Json = WASMAOT_WAST2JSON;
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
    if (!std::strcmp(Arg, "--suite"))
      Opts.SuiteDir = Value();
    else if (!std::strcmp(Arg, "--known-failures"))
      Opts.KnownFailuresPath = Value();
    else if (!std::strcmp(Arg, "--wast2json"))
      Opts.Wast2Json = Value();
    else if (!std::strcmp(Arg, "--enable-all"))
      Opts.Wast2JsonFlags.push_back("--enable-all");
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
  return Runner(std::move(Opts)).run();
}
