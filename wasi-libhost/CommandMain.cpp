//===- CommandMain.cpp - main() of every compiled executable --------------===//
//
// Instantiates the linked module (`wasmaot_module`) with the WASI host and runs
// its `_start`. The guest gets argv as given, and only the environment it was
// granted: the variables baked in at compile time (`wasmaot_baked_env`, a
// weak, null-terminated array of "NAME=VALUE") and those listed in the host
// variable WASMAOT_ENV ("NAME=VALUE" entries separated by newlines). The host
// environment is never passed through wholesale.
//
// Exit status: 0 when _start returns (or for a reactor, which has none), the
// guest's proc_exit code, 134 on a trap (after "wasmaot: trap: ..." on
// stderr), 1 on the runtime's own errors ("wasmaot: error: ...").
//
//===----------------------------------------------------------------------===//
#include "wasi-libhost/Wasi.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace wasmaot;

extern "C" {
extern const ModuleDescriptor wasmaot_module;
__attribute__((weak)) extern const char *const wasmaot_baked_env[];
}

namespace {

int fail(const std::string &Message) {
  fprintf(stderr, "wasmaot: error: %s\n", Message.c_str());
  return 1;
}

int reportTrap(const Trap &T) {
  fprintf(stderr, "wasmaot: trap: %s\n", T.toString().c_str());
  return 134;
}

std::vector<std::string> grantedEnvironment() {
  std::vector<std::string> Env;
  if (&wasmaot_baked_env[0] != nullptr)
    for (const char *const *P = wasmaot_baked_env; *P; ++P)
      Env.emplace_back(*P);
  if (const char *Extra = getenv("WASMAOT_ENV")) {
    std::string_view S(Extra);
    while (!S.empty()) {
      size_t NL = S.find('\n');
      std::string_view Line = S.substr(0, NL);
      if (!Line.empty() && Line.find('=') != std::string_view::npos)
        Env.emplace_back(Line);
      if (NL == std::string_view::npos)
        break;
      S.remove_prefix(NL + 1);
    }
  }
  return Env;
}

} // namespace

int main(int argc, char **argv) {
  WasiOptions Opts;
  for (int I = 0; I < argc; ++I)
    Opts.Args.emplace_back(argv[I]);
  Opts.Env = grantedEnvironment();

  std::string Error;
  std::unique_ptr<WasiContext> Wasi = WasiContext::create(Opts, Error);
  if (!Wasi)
    return fail(Error);
  WasiResolver Imports(*Wasi);

  InstantiateResult Inst = Instance::create(wasmaot_module, Imports);
  switch (Inst.S) {
  case InstantiateResult::Status::Ok:
    break;
  case InstantiateResult::Status::LinkError:
  case InstantiateResult::Status::Error:
    return fail(Inst.Message);
  case InstantiateResult::Status::Trapped:
    return reportTrap(Inst.T);
  case InstantiateResult::Status::Exited:
    return int(Inst.ExitCode);
  }

  ExternVal Start;
  if (!Inst.Inst->getExport("_start", Start))
    return 0; // a reactor: instantiating it was the whole job
  if (Start.Kind != ExternKind::Func)
    return fail("export '_start' is not a function");
  InvokeResult R = Inst.Inst->invoke(Start.Func);
  switch (R.S) {
  case InvokeResult::Status::Ok:
    return 0;
  case InvokeResult::Status::Trapped:
    return reportTrap(R.T);
  case InvokeResult::Status::Exited:
    return int(R.ExitCode);
  case InvokeResult::Status::Error:
    return fail("_start: " + R.Message);
  }
  return 1;
}
