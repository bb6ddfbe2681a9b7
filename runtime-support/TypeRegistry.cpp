//===- TypeRegistry.cpp - Canonical, process-wide signature ids -----------===//
//
// call_indirect compares the FuncRef's TypeId with the canonical id of the
// expected type index, so two modules (or a module and a host function) that
// spell the same signature must get the same id. One table for the process,
// under a mutex: interning happens at instantiation, never on a call.
//
//===----------------------------------------------------------------------===//
#include "wasmaot/Runtime.h"

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

using namespace wasmaot;

namespace {
struct Registry {
  std::mutex Lock;
  std::unordered_map<std::string, uint32_t> Ids;
  std::deque<FuncSig> Sigs; // Sigs[Id - 1]; a deque keeps references stable
};

Registry &getRegistry() {
  // Never destroyed: instances on other threads may outlive static
  // destruction at exit.
  static Registry *R = new Registry;
  return *R;
}

std::string makeKey(const ValType *Params, size_t NumParams,
                    const ValType *Results, size_t NumResults) {
  std::string Key;
  Key.reserve(NumParams + NumResults + 1);
  for (size_t I = 0; I < NumParams; ++I)
    Key.push_back(char(Params[I]));
  // 0 is no value type, so it separates params from results unambiguously.
  Key.push_back('\0');
  for (size_t I = 0; I < NumResults; ++I)
    Key.push_back(char(Results[I]));
  return Key;
}

uint32_t intern(std::string Key, FuncSig Sig) {
  Registry &R = getRegistry();
  std::lock_guard<std::mutex> G(R.Lock);
  auto [It, Inserted] = R.Ids.try_emplace(std::move(Key), 0);
  if (Inserted) {
    R.Sigs.push_back(std::move(Sig));
    It->second = uint32_t(R.Sigs.size());
  }
  return It->second;
}
} // namespace

uint32_t wasmaot::internFuncType(const FuncSig &Sig) {
  return intern(makeKey(Sig.Params.data(), Sig.Params.size(),
                        Sig.Results.data(), Sig.Results.size()),
                Sig);
}

uint32_t wasmaot::internFuncType(const DescFuncType &Type) {
  FuncSig Sig;
  for (uint64_t I = 0; I < Type.NumParams; ++I)
    Sig.Params.push_back(ValType(Type.Types[I]));
  for (uint64_t I = 0; I < Type.NumResults; ++I)
    Sig.Results.push_back(ValType(Type.Types[Type.NumParams + I]));
  return internFuncType(Sig);
}

const FuncSig &wasmaot::getFuncSig(uint32_t TypeId) {
  Registry &R = getRegistry();
  std::lock_guard<std::mutex> G(R.Lock);
  static const FuncSig Invalid;
  if (TypeId == 0 || TypeId > R.Sigs.size())
    return Invalid;
  return R.Sigs[TypeId - 1];
}
