//===- WasiThreads.cpp - wasi-threads: thread-spawn on real OS threads ----===//
//
// A module built for wasm32-wasi-threads imports its memory as `env.memory`
// (shared) and `wasi.thread-spawn(start_arg) -> tid`, and exports
// `wasi_thread_start(tid, start_arg)`. thread-spawn makes a new instance of
// the same module, with the same imports (the one shared memory, the same
// WASI context), on the calling thread, so that a module that cannot be
// instantiated again is an error the caller sees (a negative result); then
// runs its wasi_thread_start on a new OS thread. Each instance has its own
// vmctx, globals (the stack pointer) and stack limit; the memory is the only
// state they share, as the proposal says.
//
// How a spawned thread ends is the host's business (OnEnd): an executable
// ends the whole process when one traps or calls proc_exit.
//
//===----------------------------------------------------------------------===//
#include "wasi-libhost/Wasi.h"

#include <cstring>
#include <thread>

using namespace wasmaot;

namespace {
const int WasiThreadsKey = 0; // its address keys the instance's host context

/// WASI's EAGAIN, negated: what thread-spawn returns when no thread was made.
constexpr int32_t SpawnFailed = -6;
/// Thread ids are positive and below 2^29 (the proposal reserves the rest).
constexpr uint32_t MaxThreadId = (1u << 29) - 1;

int32_t wasi_thread_spawn(VMContext *Ctx, int32_t StartArg) {
  auto *Host =
      static_cast<WasiThreads *>(Ctx->Owner->getHostContext(&WasiThreadsKey));
  return Host ? Host->spawn(*Ctx->Owner, StartArg) : SpawnFailed;
}
} // namespace

WasiThreads::WasiThreads(WasiContext &Wasi, MemoryObject *Memory,
                         InstanceLimits Limits, EndHandler OnEnd)
    : Wasi(Wasi), Memory(Memory), Limits(Limits), OnEnd(std::move(OnEnd)) {}

WasiThreads::~WasiThreads() = default;

bool WasiThreads::resolve(Instance &Importer, std::string_view Module,
                          std::string_view Field, ExternKind Kind,
                          ExternVal &Out) {
  if (Module == "env" && Field == "memory" && Kind == ExternKind::Memory &&
      Memory) {
    Out = ExternVal::memory(Memory);
    return true;
  }
  if (Module == "wasi" && Field == "thread-spawn" && Kind == ExternKind::Func) {
    Importer.setHostContext(&WasiThreadsKey, this);
    Out = ExternVal::hostFunc(reinterpret_cast<void *>(&wasi_thread_spawn),
                              {{ValType::I32}, {ValType::I32}});
    return true;
  }
  WasiResolver Preview1(Wasi);
  return Preview1.resolve(Importer, Module, Field, Kind, Out);
}

int32_t WasiThreads::spawn(Instance &Parent, int32_t StartArg) {
  uint32_t Tid = NextTid.fetch_add(1);
  if (Tid > MaxThreadId)
    return SpawnFailed;
  InstantiateResult R = Instance::create(Parent.descriptor(), *this, Limits);
  if (R.S != InstantiateResult::Status::Ok)
    return SpawnFailed;
  const FuncRef *Start = R.Inst->getExportedFunc("wasi_thread_start");
  if (!Start)
    return SpawnFailed;
  Spawned.fetch_add(1);
  std::thread([this, Inst = std::move(R.Inst), Start, Tid, StartArg] {
    Value Args[] = {Value::i32(int32_t(Tid)), Value::i32(StartArg)};
    InvokeResult End = Inst->invoke(Start, Args);
    if (OnEnd)
      OnEnd(End);
  }).detach();
  return int32_t(Tid);
}
