//===- Session.cpp - Running a script's modules in this process -----------===//
#include "Session.h"

#include <dlfcn.h>

namespace wasmaot::spectest {

//===----------------------------------------------------------------------===//
// The spectest host module
//===----------------------------------------------------------------------===//

namespace {

// Host functions: Code(VMContext *importer, args...) (docs/runtime.md). The
// reference interpreter prints the arguments; the runner needs no output.
void print(VMContext *) {}
void printI32(VMContext *, int32_t) {}
void printI64(VMContext *, int64_t) {}
void printF32(VMContext *, float) {}
void printF64(VMContext *, double) {}
void printI32F32(VMContext *, int32_t, float) {}
void printF64F64(VMContext *, double, double) {}

} // namespace

SpectestHost::SpectestHost()
    : GlobalI32(ValType::I32, false, Value::i32(666)),
      GlobalI64(ValType::I64, false, Value::i64(666)),
      GlobalF32(ValType::F32, false, Value::f32(666.6f)),
      GlobalF64(ValType::F64, false, Value::f64(666.6)),
      Table(TableObject::create(ValType::FuncRef, 10, 20, true)),
      Memory(MemoryObject::create(1, 2, true, BoundsChecks::Guard)),
      SharedMemory(MemoryObject::create(1, 2, true, BoundsChecks::Guard,
                                        MemoryShared)) {}

void SpectestHost::define(ImportMap &Imports) {
  using VT = ValType;
  auto Func = [&](const char *Name, auto *Code, FuncSig Sig) {
    Imports.define("spectest", Name,
                   ExternVal::hostFunc(reinterpret_cast<void *>(Code), Sig));
  };
  Func("print", &print, {{}, {}});
  Func("print_i32", &printI32, {{VT::I32}, {}});
  Func("print_i64", &printI64, {{VT::I64}, {}});
  Func("print_f32", &printF32, {{VT::F32}, {}});
  Func("print_f64", &printF64, {{VT::F64}, {}});
  Func("print_i32_f32", &printI32F32, {{VT::I32, VT::F32}, {}});
  Func("print_f64_f64", &printF64F64, {{VT::F64, VT::F64}, {}});
  Imports.define("spectest", "global_i32", ExternVal::global(GlobalI32));
  Imports.define("spectest", "global_i64", ExternVal::global(GlobalI64));
  Imports.define("spectest", "global_f32", ExternVal::global(GlobalF32));
  Imports.define("spectest", "global_f64", ExternVal::global(GlobalF64));
  if (Table)
    Imports.define("spectest", "table", ExternVal::table(Table.get()));
  if (Memory)
    Imports.define("spectest", "memory", ExternVal::memory(Memory.get()));
  if (SharedMemory)
    Imports.define("spectest", "shared_memory",
                   ExternVal::memory(SharedMemory.get()));
}

void loadModuleLibrary(const std::string &Path, CompiledModule &M,
                       void *&Handle) {
  M.Descriptor = openModuleLibrary(Path, Handle, M.Error);
}

//===----------------------------------------------------------------------===//
// LocalSession
//===----------------------------------------------------------------------===//

LocalSession::LocalSession() { Spectest.define(Imports); }

LocalSession::~LocalSession() {
  // Importers were made after their providers: newest first.
  while (!Instances.empty())
    Instances.pop_back();
}

Instance *LocalSession::find(int Id) const {
  return Id >= 0 && size_t(Id) < Instances.size() ? Instances[Id].get()
                                                  : nullptr;
}

InstantiateOutcome LocalSession::instantiate(const CompiledModule &M) {
  InstantiateOutcome Out;
  if (!M.Descriptor) {
    Out.Message =
        M.Error.empty() ? "the module is not loaded in this process" : M.Error;
    return Out;
  }
  InstantiateResult R = Instance::create(*M.Descriptor, Imports);
  Out.S = R.S;
  Out.Message = std::move(R.Message);
  Out.T = std::move(R.T);
  Out.ExitCode = R.ExitCode;
  if (R.Inst) {
    Out.Id = int(Instances.size());
    Instances.push_back(std::move(R.Inst));
  }
  return Out;
}

bool LocalSession::registerInstance(int Id, const std::string &As,
                                    std::string &Error) {
  Instance *Inst = find(Id);
  if (!Inst) {
    Error = "no instance " + std::to_string(Id);
    return false;
  }
  Imports.defineInstance(As, *Inst);
  return true;
}

ActionOutcome LocalSession::invoke(int Id, const std::string &Field,
                                   const std::vector<Value> &Args) {
  ActionOutcome Out;
  Instance *Inst = find(Id);
  if (!Inst) {
    Out.Message = "no instance " + std::to_string(Id);
    return Out;
  }
  InvokeResult R = Inst->invoke(Field, Args);
  Out.S = R.S;
  Out.Results = std::move(R.Results);
  Out.T = std::move(R.T);
  Out.ExitCode = R.ExitCode;
  Out.Message = std::move(R.Message);
  return Out;
}

ActionOutcome LocalSession::getGlobal(int Id, const std::string &Field) {
  ActionOutcome Out;
  Instance *Inst = find(Id);
  ExternVal V;
  if (!Inst || !Inst->getExport(Field, V) || V.Kind != ExternKind::Global) {
    Out.Message = "no exported global \"" + Field + "\"";
    return Out;
  }
  Out.S = InvokeResult::Status::Ok;
  Out.Results.push_back(readGlobal(V.Global, V.GlobalType));
  return Out;
}

} // namespace wasmaot::spectest
