//===- EmbedRuntime.cpp - What the generated NAME_* functions call --------===//
//
// A library made by `wasmaot compile --emit=lib` holds the compiled module,
// the glue lowering emits for it (lowering/EmbedGlue.cpp: NAME_new, one
// function per export, one thunk per host import) and this file with the
// runtime and the WASI host, all linked into one object whose symbols are
// local but NAME_* and the shared API below (codegen/Linker.cpp). So every
// library carries a private runtime, and two libraries in one program never
// share one: what they must share is only the shared API, defined weak in
// each (identical definitions: whichever the linker keeps serves both), with
// its state in one thread-local block named by version.
//
// The glue talks to this file through the wasmaot_embed_* functions, in C
// terms: an instance is an EmbedInstance, an export call passes the
// function's index, its array trampoline and a buffer of 16-byte slots
// (arguments in, results out), so this file never needs to know a
// signature.
//
//===----------------------------------------------------------------------===//
#include "wasi-libhost/Wasi.h"
#include "wasmaot/Runtime.h"
#include "wasmaot/embed.h"

#include <cstdio>
#include <cstring>

using namespace wasmaot;

//===----------------------------------------------------------------------===//
// The shared API: one definition per program, whichever library it came from
//===----------------------------------------------------------------------===//

extern "C" {

/// The state every library's runtime reads and writes through the one kept
/// definition. Its layout is fixed for the life of the name: a change gets
/// a new name (_v2).
struct EmbedSharedStateV1 {
  int Raised; // wasmaot_raise was called in the current host function
  char RaiseMessage[256];
  char LastError[512];
};

__attribute__((weak)) __thread EmbedSharedStateV1 wasmaot_embed_state_v1;

__attribute__((weak)) const char *wasmaot_last_error(void) {
  return wasmaot_embed_state_v1.LastError;
}

__attribute__((weak)) void wasmaot_raise(const char *Message) {
  EmbedSharedStateV1 &S = wasmaot_embed_state_v1;
  S.Raised = 1;
  snprintf(S.RaiseMessage, sizeof(S.RaiseMessage), "%s",
           Message ? Message : "raised by the host");
}

} // extern "C"

//===----------------------------------------------------------------------===//
// This library's runtime side (local to the library once linked)
//===----------------------------------------------------------------------===//

namespace {

void setLastError(const std::string &Message) {
  snprintf(wasmaot_embed_state_v1.LastError,
           sizeof(wasmaot_embed_state_v1.LastError), "%s", Message.c_str());
}

/// What NAME_instance points to.
struct EmbedInstance {
  /// NAME_imports as given, copied: [user, function...]. Host thunks get a
  /// pointer to it as their context.
  std::vector<void *> ImportRecord;
  std::unique_ptr<WasiContext> Wasi;
  std::unique_ptr<Instance> Inst;
  /// The last call's trap ("... in FUNC+0xOFF", "exit N"); empty when it
  /// returned.
  std::string TrapMessage;
};

/// Function imports: WASI ones from the WASI host, the others from the
/// host's NAME_imports through the glue's thunks. Imports are resolved in
/// module order, so a cursor over the descriptor's imports finds each one's
/// index (names alone could repeat).
class EmbedResolver : public ImportResolver {
public:
  EmbedResolver(const ModuleDescriptor &D, EmbedInstance &EI,
                void *const *Thunks, WasiContext *Wasi)
      : D(D), EI(EI), Thunks(Thunks), Wasi(Wasi) {}

  bool resolve(Instance &Importer, std::string_view Module,
               std::string_view Field, ExternKind Kind,
               ExternVal &Out) override {
    uint64_t FuncIndex = 0;
    for (; Cursor < D.NumImports; ++Cursor) {
      const DescImport &Imp = D.Imports[Cursor];
      bool IsFunc = ExternKind(Imp.Kind) == ExternKind::Func;
      if (std::string_view(Imp.Module, Imp.ModuleSize) == Module &&
          std::string_view(Imp.Field, Imp.FieldSize) == Field &&
          ExternKind(Imp.Kind) == Kind) {
        FuncIndex = NextFunc;
        NextFunc += IsFunc;
        ++Cursor;
        break;
      }
      NextFunc += IsFunc;
    }
    if (Kind != ExternKind::Func)
      return false; // the compiler refused these; never reached
    if (!Thunks[FuncIndex]) {
      if (!Wasi)
        return false;
      WasiResolver W(*Wasi);
      return W.resolve(Importer, Module, Field, Kind, Out);
    }
    // The record slot of this import: after the user pointer, one per host
    // import before it.
    size_t Slot = 1;
    for (uint64_t I = 0; I < FuncIndex; ++I)
      Slot += Thunks[I] != nullptr;
    if (Slot >= EI.ImportRecord.size() || !EI.ImportRecord[Slot])
      return false;
    const DescImport &Imp = D.Imports[Cursor - 1];
    Out.Kind = ExternKind::Func;
    Out.HostCode = Thunks[FuncIndex];
    Out.HostCtx = EI.ImportRecord.data();
    Out.TypeId = internFuncType(D.Types[Imp.TypeIndex]);
    return true;
  }

private:
  const ModuleDescriptor &D;
  EmbedInstance &EI;
  void *const *Thunks;
  WasiContext *Wasi;
  uint64_t Cursor = 0;
  uint64_t NextFunc = 0;
};

WasiOptions getWasiOptions(const wasmaot_wasi_config *C) {
  WasiOptions O;
  O.Args.push_back("wasmaot"); // argv[0] when the host gives none
  if (!C)
    return O;
  if (C->argc > 0)
    O.Args.clear();
  for (size_t I = 0; I < C->argc; ++I)
    O.Args.emplace_back(C->argv[I] ? C->argv[I] : "");
  for (size_t I = 0; I < C->envc; ++I)
    if (C->env[I])
      O.Env.emplace_back(C->env[I]);
  for (size_t I = 0; I < C->dirc; ++I) {
    WasiPreopen P;
    P.HostPath = C->dirs[I].host_path ? C->dirs[I].host_path : "";
    P.GuestPath =
        C->dirs[I].guest_path ? C->dirs[I].guest_path : P.HostPath.c_str();
    O.Preopens.push_back(std::move(P));
  }
  O.StdinFd = C->stdin_fd;
  O.StdoutFd = C->stdout_fd;
  O.StderrFd = C->stderr_fd;
  return O;
}

/// "exit N", or the trap as "KIND in FUNC+0xOFF".
std::string describeEnd(bool Exited, const Trap &T, uint32_t ExitCode) {
  return Exited ? "exit " + std::to_string(ExitCode) : T.toString();
}

bool importsWasi(const ModuleDescriptor &D, void *const *Thunks) {
  uint64_t Func = 0;
  for (uint64_t I = 0; I < D.NumImports; ++I)
    if (ExternKind(D.Imports[I].Kind) == ExternKind::Func)
      if (!Thunks[Func++])
        return true;
  return false;
}

} // namespace

extern "C" {

/// NAME_new: Imports is NAME_imports seen as RecordWords pointers (user,
/// then one function per host import); Thunks has one entry per imported
/// function, the glue's thunk or null for a WASI import.
void *wasmaot_embed_new(const ModuleDescriptor *D, const void *const *Imports,
                        uint64_t RecordWords, void *const *Thunks,
                        const wasmaot_wasi_config *WasiConfig) {
  wasmaot_embed_state_v1.LastError[0] = '\0';
  auto EI = std::make_unique<EmbedInstance>();
  EI->ImportRecord.assign(RecordWords, nullptr);
  if (Imports)
    for (uint64_t I = 0; I < RecordWords; ++I)
      EI->ImportRecord[I] = const_cast<void *>(Imports[I]);
  std::string Error;
  if (importsWasi(*D, Thunks)) {
    EI->Wasi = WasiContext::create(getWasiOptions(WasiConfig), Error);
    if (!EI->Wasi) {
      setLastError(Error);
      return nullptr;
    }
  }
  EmbedResolver Resolver(*D, *EI, Thunks, EI->Wasi.get());
  InstantiateResult R = Instance::create(*D, Resolver);
  switch (R.S) {
  case InstantiateResult::Status::Ok:
    break;
  case InstantiateResult::Status::LinkError:
    setLastError(R.Message + (Imports ? " (a function of the imports is NULL)"
                                      : " (the imports are NULL)"));
    return nullptr;
  case InstantiateResult::Status::Error:
    setLastError(R.Message);
    return nullptr;
  case InstantiateResult::Status::Trapped:
  case InstantiateResult::Status::Exited:
    setLastError(
        "start function: " +
        describeEnd(R.S == InstantiateResult::Status::Exited, R.T, R.ExitCode));
    return nullptr;
  }
  EI->Inst = std::move(R.Inst);
  // A WASI reactor is initialised once, before any other export.
  if (const FuncRef *Init = EI->Inst->getExportedFunc("_initialize")) {
    InvokeResult IR = EI->Inst->invoke(Init);
    if (!IR.ok()) {
      setLastError("_initialize: " +
                   (IR.S == InvokeResult::Status::Error
                        ? IR.Message
                        : describeEnd(IR.S == InvokeResult::Status::Exited,
                                      IR.T, IR.ExitCode)));
      return nullptr;
    }
  }
  return EI.release();
}

void wasmaot_embed_delete(void *P) { delete static_cast<EmbedInstance *>(P); }

/// An export call: Slots holds the arguments, 16 bytes apart, and gets the
/// results; after a trap or an exit they are zeros.
void wasmaot_embed_call(void *P, uint32_t FuncIndex, ArrayTrampoline Tramp,
                        GlobalCell *Slots, uint32_t NumResults) {
  auto *EI = static_cast<EmbedInstance *>(P);
  const FuncRef *F = EI->Inst->func(FuncIndex);
  void *Code = F->Code;
  VMContext *Callee = F->Ctx;
  Outcome O = runGuarded(
      Callee, [Tramp, Code, Callee, Slots] { Tramp(Code, Callee, Slots); });
  if (O.S == Outcome::Status::Returned) {
    if (!EI->TrapMessage.empty())
      EI->TrapMessage.clear();
    return;
  }
  EI->TrapMessage =
      describeEnd(O.S == Outcome::Status::Exited, O.T, O.ExitCode);
  memset(static_cast<void *>(Slots), 0, sizeof(GlobalCell) * NumResults);
}

const char *wasmaot_embed_trap(void *P) {
  auto *EI = static_cast<EmbedInstance *>(P);
  return EI->TrapMessage.empty() ? nullptr : EI->TrapMessage.c_str();
}

uint8_t *wasmaot_embed_memory(void *P, uint64_t *SizeBytes, uint32_t Index) {
  MemoryObject *M = static_cast<EmbedInstance *>(P)->Inst->memory(Index);
  if (SizeBytes)
    *SizeBytes = M->instance()->SizeBytes;
  return M->instance()->Base;
}

GlobalCell *wasmaot_embed_global(void *P, uint32_t Index) {
  return static_cast<EmbedInstance *>(P)->Inst->globalCell(Index);
}

/// Called by every host thunk after the host function returns: a
/// wasmaot_raise there ends the guest's call now, from Wasm code's side of
/// the boundary (no host frame is jumped over).
void wasmaot_embed_after_host_call(void) {
  EmbedSharedStateV1 &S = wasmaot_embed_state_v1;
  if (!S.Raised)
    return;
  S.Raised = 0;
  raiseTrap(TrapKind::HostError, S.RaiseMessage);
}

} // extern "C"
