//===- wasmaot.cpp - The command-line tool --------------------------------===//
//
// Thin: parses the command line with CLI11 and calls the driver. Exit codes:
// 0 success, 1 any error of wasmaot's own (see docs/design.md).
//
//===----------------------------------------------------------------------===//
#include "tools/driver/Driver.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>

using namespace wasmaot;

namespace {

constexpr int ExitError = 1;

int fail(const DriverError &Err) {
  fprintf(stderr, "%s\n", Err.format().c_str());
  return ExitError;
}

int fail(const std::string &Message) {
  return fail(DriverError{"", std::nullopt, Message});
}

struct CompileArgs {
  std::string Input;
  std::string Output;
  std::string Emit = "exe";
  std::string Bounds = "guard";
  unsigned OptLevel = 2;
  std::string Target = "x86_64-linux-gnu";
  std::string CPU;
  std::string Features;
  std::vector<std::string> Env;
};

void addCompileOptions(CLI::App &Cmd, CompileArgs &A) {
  Cmd.add_option("input", A.Input, "The WebAssembly module (.wasm)")
      ->required();
  Cmd.add_option("-o,--output", A.Output,
                 "Where to write the result ('-' for standard output)")
      ->required();
  Cmd.add_option("--emit", A.Emit, "What to write")
      ->check(CLI::IsMember({"exe", "obj", "asm", "llvm", "bc"}));
  Cmd.add_option("--bounds-checks", A.Bounds,
                 "guard: a guard-page reservation and no compares; explicit: "
                 "a compare before each access")
      ->check(CLI::IsMember({"guard", "explicit"}));
  Cmd.add_option("-O,--opt-level", A.OptLevel, "Optimisation level 0..3")
      ->check(CLI::Range(0u, 3u));
  Cmd.add_option("--target", A.Target, "Target triple")
      ->check(CLI::IsMember({"x86_64-linux-gnu", "aarch64-linux-gnu"}));
  Cmd.add_option("--cpu", A.CPU,
                 "Target CPU ('native' for this host; default: the portable "
                 "baseline of the target)");
  Cmd.add_option("--features", A.Features,
                 "Target features, e.g. +sse4.2,+avx2");
  Cmd.add_option("--env", A.Env,
                 "NAME=VALUE: an environment variable the guest sees (baked "
                 "into the executable; repeat for more)")
      ->allow_extra_args(false)
      ->check([](const std::string &S) {
        return S.find('=') == std::string::npos || S.front() == '='
                   ? std::string("expected NAME=VALUE, got '" + S + "'")
                   : std::string();
      });
}

int runCompile(const CompileArgs &A, const char *Argv0) {
  DriverError Err;
  std::vector<uint8_t> Bytes;
  if (!readFile(A.Input, Bytes, Err))
    return fail(Err);
  Module M;
  if (!loadWasm(A.Input, std::move(Bytes), M, Err))
    return fail(Err);

  CompileOptions Opts;
  Opts.Lowering.Bounds =
      A.Bounds == "guard" ? BoundsChecks::Guard : BoundsChecks::Explicit;
  Opts.Lowering.BakedEnv = A.Env;
  Opts.Codegen.Triple = A.Target;
  Opts.Codegen.CPU = A.CPU;
  Opts.Codegen.Features = A.Features;
  Opts.Codegen.OptLevel = A.OptLevel;

  static const std::map<std::string, EmitKind> Kinds = {
      {"exe", EmitKind::Object},   {"obj", EmitKind::Object},
      {"asm", EmitKind::Assembly}, {"llvm", EmitKind::LLVMIR},
      {"bc", EmitKind::Bitcode},
  };
  std::string Out;
  if (!compileWasm(A.Input, M, Opts, Kinds.at(A.Emit), Out, Err))
    return fail(Err);
  if (A.Emit != "exe")
    return writeFileAtomically(A.Output, Out, Err) ? 0 : fail(Err);
  if (A.Output == "-")
    return fail("an executable cannot be written to standard output");

  LinkOptions Link;
  Link.Triple = A.Target;
  Link.RuntimeLibDir = getDefaultRuntimeLibDir(Argv0);
  if (!linkObject(Out, LinkKind::Executable, A.Output, Link, Err))
    return fail(Err);
  return 0;
}

int runValidate(const std::vector<std::string> &Inputs) {
  int Result = 0;
  for (const std::string &Input : Inputs) {
    DriverError Err;
    std::vector<uint8_t> Bytes;
    Module M;
    if (!readFile(Input, Bytes, Err) ||
        !loadWasm(Input, std::move(Bytes), M, Err))
      Result = fail(Err);
  }
  return Result;
}

} // namespace

int main(int Argc, char **Argv) {
  CLI::App App{"wasmaot: an ahead-of-time compiler from WebAssembly to "
               "sandboxed native executables"};
  App.set_version_flag("--version", "wasmaot " WASMAOT_VERSION);
  App.require_subcommand(1);

  CompileArgs Compile;
  CLI::App *CompileCmd = App.add_subcommand(
      "compile", "Compile a WASI module into a native executable");
  addCompileOptions(*CompileCmd, Compile);

  std::vector<std::string> ValidateInputs;
  CLI::App *ValidateCmd =
      App.add_subcommand("validate", "Decode and validate modules");
  ValidateCmd->add_option("inputs", ValidateInputs, "Modules (.wasm)")
      ->required();

  try {
    App.parse(Argc, Argv);
  } catch (const CLI::CallForHelp &E) {
    return App.exit(E);
  } catch (const CLI::CallForAllHelp &E) {
    return App.exit(E);
  } catch (const CLI::CallForVersion &E) {
    return App.exit(E);
  } catch (const CLI::ParseError &E) {
    return fail(E.what());
  }

  if (*CompileCmd)
    return runCompile(Compile, Argv[0]);
  if (*ValidateCmd)
    return runValidate(ValidateInputs);
  return ExitError;
}
