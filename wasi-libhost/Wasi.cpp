//===- Wasi.cpp - wasi_snapshot_preview1 host functions -------------------===//
//
// Each function is called by compiled code as Code(vmctx, args...), with the
// importing instance's vmctx, and works on that instance's memory 0. Every
// guest pointer and length is checked against the memory's current size
// before any access: a bad one is errno FAULT, never a host access.
//
// Every preview1 function is implemented. Paths resolve beneath the
// directory fd they start from (openat2 RESOLVE_BENEATH, or a portable walk:
// see "Path resolution"); rights are checked before anything else; host
// errors map to WASI errnos (an escape attempt is NOTCAPABLE).
//
//===----------------------------------------------------------------------===//
#include "wasi-libhost/WasiInternal.h"

using namespace wasmaot;
using namespace wasmaot::wasi;

namespace {
//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

struct WasiFunction {
  const char *Name;
  void *Code;
  const char *Params;  // 'i' i32, 'I' i64
  const char *Results; // "" or "i"
};

#define WASI_FUNCTION(NAME, PARAMS, RESULTS)                                   \
  {#NAME, reinterpret_cast<void *>(&wasi_##NAME), PARAMS, RESULTS},
const WasiFunction WasiFunctions[] = {
#include "wasi-libhost/WasiFunctions.def"
};

std::vector<ValType> decodeTypes(const char *S) {
  std::vector<ValType> V;
  for (; *S; ++S)
    V.push_back(*S == 'I' ? ValType::I64 : ValType::I32);
  return V;
}

const int WasiContextKey = 0; // its address keys the instance's host context

} // namespace

WasiContext *WasiContext::get(VMContext *Ctx) {
  if (!Ctx || !Ctx->Owner)
    return nullptr;
  return static_cast<WasiContext *>(
      Ctx->Owner->getHostContext(&WasiContextKey));
}

bool wasmaot::lookupWasiFunction(std::string_view Field, void *&Code,
                                 FuncSig &Sig) {
  for (const WasiFunction &F : WasiFunctions)
    if (Field == F.Name) {
      Code = F.Code;
      Sig.Params = decodeTypes(F.Params);
      Sig.Results = decodeTypes(F.Results);
      return true;
    }
  return false;
}

std::vector<std::string_view> wasmaot::getWasiFunctionNames() {
  std::vector<std::string_view> Names;
  for (const WasiFunction &F : WasiFunctions)
    Names.push_back(F.Name);
  return Names;
}

bool WasiResolver::resolve(Instance &Importer, std::string_view Module,
                           std::string_view Field, ExternKind Kind,
                           ExternVal &Out) {
  if (Module != WasiModuleName)
    return false;
  void *Code;
  FuncSig Sig;
  if (!lookupWasiFunction(Field, Code, Sig))
    return false;
  Importer.setHostContext(&WasiContextKey, &Ctx);
  Out = ExternVal::hostFunc(Code, Sig);
  return true;
}
