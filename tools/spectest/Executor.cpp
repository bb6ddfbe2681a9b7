//===- Executor.cpp - Compiling, loading and running the scripts' modules -===//
#include "Executor.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>

namespace wasmaot::spectest {

//===----------------------------------------------------------------------===//
// ModuleCache
//===----------------------------------------------------------------------===//

ModuleCache::ModuleCache(CompileOptions Opts, std::string TempDir,
                         bool LoadInProcess)
    : Opts(std::move(Opts)), TempDir(std::move(TempDir)),
      LoadInProcess(LoadInProcess) {}

ModuleCache::~ModuleCache() {
  for (auto &[Bytes, E] : Entries)
    if (E->Handle)
      dlclose(E->Handle);
}

const CompiledModule &ModuleCache::get(const std::string &Path,
                                       const std::vector<uint8_t> &Bytes) {
  Entry *E;
  bool Fresh = false;
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    std::unique_ptr<Entry> &Slot = Entries[Bytes];
    if (!Slot) {
      Slot = std::make_unique<Entry>();
      Fresh = true;
    }
    E = Slot.get();
  }
  if (!Fresh)
    ++Reused;
  std::call_once(E->Once, [&] { compile(Path, Bytes, *E); });
  return E->Result;
}

void ModuleCache::compile(const std::string &Path,
                          const std::vector<uint8_t> &Bytes, Entry &E) {
  auto Start = std::chrono::steady_clock::now();
  CompiledModule &R = E.Result;
  ++Compiled;
  Module M;
  DriverError Err;
  if (!loadWasm(Path, Bytes, M, Err, Opts.Enabled)) {
    R.Rejected = true;
    R.Error = Err.format();
    return;
  }
  std::vector<std::string> Objects;
  if (!compileWasm(Path, M, Opts, EmitKind::Object, Objects, Err)) {
    R.Error = "compile: " + Err.format();
    return;
  }
  llvm::SmallString<128> SoPath(TempDir);
  llvm::sys::path::append(SoPath, "m" + std::to_string(NextId++) + ".so");
  std::string So = SoPath.str().str();
  LinkOptions Link;
  Link.Triple = Opts.Codegen.Triple;
  if (!linkObjects(Objects, LinkKind::SharedLibrary, So, Link, Err)) {
    R.Error = "link: " + Err.format();
    return;
  }
  CompileMicros += std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::steady_clock::now() - Start)
                       .count();
  R.LibraryPath = So;
  if (!LoadInProcess)
    return;
  // Once loaded, the file is no longer needed: nothing is left behind even if
  // the run dies.
  loadModuleLibrary(So, R, E.Handle);
  llvm::sys::fs::remove(So);
}

//===----------------------------------------------------------------------===//
// Values
//===----------------------------------------------------------------------===//

namespace {

bool parseType(llvm::StringRef Name, ValType &T) {
  static const std::pair<const char *, ValType> Types[] = {
      {"i32", ValType::I32},
      {"i64", ValType::I64},
      {"f32", ValType::F32},
      {"f64", ValType::F64},
      {"v128", ValType::V128},
      {"funcref", ValType::FuncRef},
      {"externref", ValType::ExternRef}};
  for (const auto &[N, Type] : Types)
    if (Name == N) {
      T = Type;
      return true;
    }
  return false;
}

/// wast2json writes integers and float bit patterns as unsigned decimals.
bool parseUnsigned(llvm::StringRef S, uint64_t &Out) {
  return !S.getAsInteger(10, Out);
}

/// Bytes of one lane of a v128 (wast2json's lane_type).
unsigned laneBytes(llvm::StringRef LaneType) {
  if (LaneType == "i8")
    return 1;
  if (LaneType == "i16")
    return 2;
  if (LaneType == "i32" || LaneType == "f32")
    return 4;
  if (LaneType == "i64" || LaneType == "f64")
    return 8;
  return 0;
}

/// A NaN pattern: canonical has only the quiet bit in the mantissa, arithmetic
/// has at least the quiet bit; either sign.
bool matchNaN(llvm::StringRef Pattern, uint64_t Bits, unsigned Bytes) {
  uint64_t Exp = Bytes == 4 ? 0x7f800000u : 0x7ff0000000000000u;
  uint64_t Quiet = Bytes == 4 ? 0x00400000u : 0x0008000000000000u;
  uint64_t Abs = Bits & (Bytes == 4 ? 0x7fffffffu : 0x7fffffffffffffffu);
  if (Pattern == "nan:canonical")
    return Abs == (Exp | Quiet);
  return (Abs & (Exp | Quiet)) == (Exp | Quiet);
}

uint64_t readLane(const Value &V, unsigned I, unsigned Bytes) {
  uint64_t X = 0;
  std::memcpy(&X, V.Bytes + I * Bytes, Bytes);
  return X;
}

std::string hex(uint64_t X) {
  char Buf[24];
  snprintf(Buf, sizeof(Buf), "0x%" PRIx64, X);
  return Buf;
}

} // namespace

bool parseValue(const llvm::json::Object &Json, Value &Out,
                std::string &Error) {
  llvm::StringRef TypeName = Json.getString("type").value_or("");
  ValType T;
  if (!parseType(TypeName, T)) {
    Error = "unknown value type \"" + TypeName.str() + "\"";
    return false;
  }
  Out = Value();
  Out.Type = T;
  if (T == ValType::V128) {
    unsigned Bytes = laneBytes(Json.getString("lane_type").value_or(""));
    const llvm::json::Array *Lanes = Json.getArray("value");
    if (!Bytes || !Lanes || Lanes->size() * Bytes != 16) {
      Error = "bad v128 value";
      return false;
    }
    for (unsigned I = 0; I < Lanes->size(); ++I) {
      uint64_t X;
      auto S = (*Lanes)[I].getAsString();
      if (!S || !parseUnsigned(*S, X)) {
        Error = "bad v128 lane";
        return false;
      }
      std::memcpy(Out.Bytes + I * Bytes, &X, Bytes);
    }
    return true;
  }
  llvm::StringRef S = Json.getString("value").value_or("");
  if (isRefType(T)) {
    uint64_t N = 0;
    if (S == "null")
      return true;
    if (T == ValType::FuncRef || !parseUnsigned(S, N)) {
      Error = "cannot pass " + TypeName.str() + " " + S.str();
      return false;
    }
    Out = Value::ref(T, reinterpret_cast<void *>(uintptr_t(N + 1)));
    return true;
  }
  uint64_t X;
  if (!parseUnsigned(S, X)) {
    Error = "bad " + TypeName.str() + " value \"" + S.str() + "\"";
    return false;
  }
  std::memcpy(Out.Bytes, &X, 8);
  if (T == ValType::I32 || T == ValType::F32)
    std::memset(Out.Bytes + 4, 0, 4);
  return true;
}

bool matchValue(const llvm::json::Object &Expected, const Value &Actual,
                std::string &Error) {
  llvm::StringRef TypeName = Expected.getString("type").value_or("");
  ValType T;
  if (!parseType(TypeName, T)) {
    Error = "unknown value type \"" + TypeName.str() + "\"";
    return false;
  }
  if (T != Actual.Type) {
    Error = "expected a " + TypeName.str() + ", got " + formatValue(Actual);
    return false;
  }
  if (T == ValType::V128) {
    llvm::StringRef LaneType = Expected.getString("lane_type").value_or("");
    unsigned Bytes = laneBytes(LaneType);
    const llvm::json::Array *Lanes = Expected.getArray("value");
    if (!Bytes || !Lanes || Lanes->size() * Bytes != 16) {
      Error = "bad expected v128";
      return false;
    }
    bool Float = LaneType.starts_with("f");
    for (unsigned I = 0; I < Lanes->size(); ++I) {
      auto S = (*Lanes)[I].getAsString();
      uint64_t Got = readLane(Actual, I, Bytes), Want;
      bool Ok;
      if (Float && S && S->starts_with("nan:"))
        Ok = matchNaN(*S, Got, Bytes);
      else
        Ok = S && parseUnsigned(*S, Want) && Got == Want;
      if (!Ok) {
        Error = "lane " + std::to_string(I) + ": expected " +
                (S ? S->str() : "?") + ", got " + formatValue(Actual);
        return false;
      }
    }
    return true;
  }
  llvm::StringRef S = Expected.getString("value").value_or("");
  if (isRefType(T)) {
    void *P = Actual.asRef();
    bool Ok;
    if (S == "null")
      Ok = P == nullptr;
    else if (T == ValType::FuncRef) // Only null-ness is observable.
      Ok = P != nullptr;
    else {
      uint64_t N;
      Ok = parseUnsigned(S, N) &&
           P == reinterpret_cast<void *>(uintptr_t(N + 1));
    }
    if (!Ok)
      Error = "expected " + TypeName.str() + " " + S.str() + ", got " +
              formatValue(Actual);
    return Ok;
  }
  unsigned Bytes = T == ValType::I32 || T == ValType::F32 ? 4 : 8;
  uint64_t Got = readLane(Actual, 0, Bytes), Want;
  bool Ok;
  if ((T == ValType::F32 || T == ValType::F64) && S.starts_with("nan:"))
    Ok = matchNaN(S, Got, Bytes);
  else
    Ok = parseUnsigned(S, Want) && Got == Want;
  if (!Ok)
    Error = "expected " + TypeName.str() + ":" + S.str() + ", got " +
            formatValue(Actual);
  return Ok;
}

std::string formatValue(const Value &V) {
  switch (V.Type) {
  case ValType::I32:
    return "i32:" + std::to_string(V.asI32());
  case ValType::I64:
    return "i64:" + std::to_string(V.asI64());
  case ValType::F32:
    return "f32:" + hex(V.asF32Bits());
  case ValType::F64:
    return "f64:" + hex(V.asF64Bits());
  case ValType::V128: {
    char Buf[48];
    snprintf(Buf, sizeof(Buf), "v128:0x%016" PRIx64 "%016" PRIx64,
             readLane(V, 1, 8), readLane(V, 0, 8));
    return Buf;
  }
  case ValType::FuncRef:
  case ValType::ExternRef: {
    const char *Name = V.Type == ValType::FuncRef ? "funcref:" : "externref:";
    void *P = V.asRef();
    if (!P)
      return std::string(Name) + "null";
    if (V.Type == ValType::ExternRef)
      return Name + std::to_string(uintptr_t(P) - 1);
    return std::string(Name) + "non-null";
  }
  }
  return "?";
}

} // namespace wasmaot::spectest
