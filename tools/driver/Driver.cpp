//===- Driver.cpp - From a .wasm file to native code ----------------------===//
#include "tools/driver/Driver.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

using namespace llvm;

namespace wasmaot {

std::string DriverError::format() const {
  std::string S;
  if (!File.empty() && LineColumn) {
    S = File + ":" + std::to_string(LineColumn->first) + ":" +
        std::to_string(LineColumn->second) + ": error: ";
  } else if (!File.empty() && Offset) {
    char Hex[32];
    snprintf(Hex, sizeof(Hex), "0x%x", *Offset);
    S = File + ":" + Hex + ": error: ";
  } else {
    S = "wasmaot: error: ";
  }
  return S + Message;
}

bool readFile(const std::string &Path, std::vector<uint8_t> &Bytes,
              DriverError &Err) {
  auto Buffer = MemoryBuffer::getFileOrSTDIN(Path, /*IsText=*/false,
                                             /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Err = {"", std::nullopt,
           "cannot read '" + Path + "': " + Buffer.getError().message()};
    return false;
  }
  Bytes.assign((*Buffer)->getBufferStart(), (*Buffer)->getBufferEnd());
  return true;
}

bool readModuleFile(const std::string &Path, std::vector<uint8_t> &Bytes,
                    DriverError &Err) {
  return readFile(Path, Bytes, Err) &&
         (!isWatText(Path, Bytes) || translateWat(Path, Bytes, Err));
}

bool loadWasm(const std::string &Path, std::vector<uint8_t> Bytes, Module &M,
              DriverError &Err, const Features &Enabled) {
  Diagnostic Diag;
  if (loadModule(std::move(Bytes), M, Diag, Enabled))
    return true;
  Err = {Path, Diag.Offset, Diag.Message, Diag.Malformed};
  return false;
}

namespace {
struct HostFunction {
  const char *Name;
  const char *Params;  // 'i' i32, 'I' i64
  const char *Results; // "" or "i"
};
constexpr HostFunction WasiFunctions[] = {
#define WASI_FUNCTION(NAME, PARAMS, RESULTS) {#NAME, PARAMS, RESULTS},
#include "wasi-libhost/WasiFunctions.def"
};

std::vector<ValType> decodeWasiTypes(const char *S) {
  std::vector<ValType> Types;
  for (; *S; ++S)
    Types.push_back(*S == 'I' ? ValType::I64 : ValType::I32);
  return Types;
}

std::string describeImport(const Import &I) {
  return I.Module + "." + I.Field + " (" + getExternKindName(I.Kind) + ")";
}
} // namespace

/// What wasi-threads adds to an executable's host: thread-spawn, and the
/// memory every thread shares, imported as env.memory.
constexpr HostFunction ThreadSpawn = {"thread-spawn", "i", "i"};

static bool isThreadsMemory(const Import &I) {
  return I.Module == "env" && I.Field == "memory" &&
         I.Kind == ExternKind::Memory;
}

/// Checks the WASI imports of M; with OnlyWasi, any other import is an error
/// too (an executable's host provides nothing else but wasi-threads').
static bool checkImportsOfHost(const std::string &Path, const Module &M,
                               bool OnlyWasi, DriverError &Err) {
  for (const Import &I : M.Imports) {
    if (!OnlyWasi && I.Module != WasiModuleName)
      continue;
    if (OnlyWasi && isThreadsMemory(I))
      continue;
    const HostFunction *Found = nullptr;
    if (I.Module == WasiModuleName && I.Kind == ExternKind::Func)
      for (const HostFunction &F : WasiFunctions)
        if (I.Field == F.Name)
          Found = &F;
    if (OnlyWasi && I.Module == "wasi" && I.Field == ThreadSpawn.Name &&
        I.Kind == ExternKind::Func)
      Found = &ThreadSpawn;
    if (!Found) {
      Err = {Path, I.Offset,
             "unknown import: " + describeImport(I) +
                 (OnlyWasi ? "; an executable's host provides only the "
                             "functions of " +
                                 std::string(WasiModuleName) +
                                 ", wasi.thread-spawn and env.memory"
                           : "; no such WASI function")};
      return false;
    }
    const FuncType &T = M.Types[I.FuncTypeIndex];
    if (T.Params != decodeWasiTypes(Found->Params) ||
        T.Results != decodeWasiTypes(Found->Results)) {
      Err = {Path, I.Offset,
             "incompatible import type: " + describeImport(I) +
                 " does not have the signature of the WASI function"};
      return false;
    }
  }
  return true;
}

bool checkExecutableImports(const std::string &Path, const Module &M,
                            DriverError &Err) {
  return checkImportsOfHost(Path, M, /*OnlyWasi=*/true, Err);
}

bool checkWasiImports(const std::string &Path, const Module &M,
                      DriverError &Err) {
  return checkImportsOfHost(Path, M, /*OnlyWasi=*/false, Err);
}

bool compileWasm(const std::string &Path, const Module &M,
                 const CompileOptions &Opts, EmitKind Kind,
                 std::vector<std::string> &Outputs, DriverError &Err) {
  LLVMContext Ctx;
  Diagnostic Diag;
  LoweringOptions Lowering = Opts.Lowering;
  Lowering.Triple = Opts.Codegen.Triple;
  std::unique_ptr<llvm::Module> IR = lowerModule(M, Ctx, Lowering, Diag);
  if (!IR) {
    Err = {Path, Diag.Offset, Diag.Message, Diag.Malformed};
    return false;
  }
  std::string Error;
  if (!compileModule(*IR, Opts.Codegen, Kind, Outputs, Error)) {
    Err = {"", std::nullopt, Error};
    return false;
  }
  return true;
}

bool writeFileAtomically(const std::string &Path, const std::string &Data,
                         DriverError &Err) {
  if (Path == "-") {
    outs() << Data;
    outs().flush();
    return true;
  }
  SmallString<256> TempPath;
  int FD;
  if (std::error_code EC =
          sys::fs::createUniqueFile(Path + ".tmp%%%%%%", FD, TempPath)) {
    Err = {"", std::nullopt, "cannot write '" + Path + "': " + EC.message()};
    return false;
  }
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Data;
    OS.close();
    if (OS.has_error()) {
      sys::fs::remove(TempPath);
      Err = {"", std::nullopt,
             "cannot write '" + Path + "': " + OS.error().message()};
      OS.clear_error();
      return false;
    }
  }
  if (std::error_code EC = sys::fs::rename(TempPath, Path)) {
    sys::fs::remove(TempPath);
    Err = {"", std::nullopt, "cannot write '" + Path + "': " + EC.message()};
    return false;
  }
  return true;
}

bool linkObjects(const std::vector<std::string> &Objects, LinkKind Kind,
                 const std::string &OutputPath, const LinkOptions &Opts,
                 DriverError &Err, const std::string &LibraryName) {
  std::vector<std::string> ObjectPaths;
  auto RemoveObjects = make_scope_exit([&] {
    for (const std::string &P : ObjectPaths)
      sys::fs::remove(P);
  });
  for (const std::string &Object : Objects) {
    SmallString<256> ObjectPath;
    int FD;
    if (std::error_code EC =
            sys::fs::createTemporaryFile("wasmaot", "o", FD, ObjectPath)) {
      Err = {"", std::nullopt,
             "cannot create a temporary object file: " + EC.message()};
      return false;
    }
    ObjectPaths.push_back(std::string(ObjectPath));
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Object;
    OS.close();
    if (OS.has_error()) {
      Err = {"", std::nullopt,
             "cannot write a temporary object file: " + OS.error().message()};
      OS.clear_error();
      return false;
    }
  }
  std::string Error;
  bool Ok = false;
  switch (Kind) {
  case LinkKind::Executable:
    Ok = linkExecutable(ObjectPaths, OutputPath, Opts, Error);
    break;
  case LinkKind::SharedLibrary:
    Ok = linkSharedLibrary(ObjectPaths, OutputPath, Opts, Error);
    break;
  case LinkKind::EmbedArchive:
  case LinkKind::EmbedShared:
    Ok = linkEmbedLibrary(ObjectPaths,
                          Kind == LinkKind::EmbedArchive
                              ? LibraryKind::StaticArchive
                              : LibraryKind::SharedObject,
                          LibraryName, OutputPath, Opts, Error);
    break;
  }
  if (!Ok)
    Err = {"", std::nullopt, Error};
  return Ok;
}

std::string getDefaultRuntimeLibDir(const char *Argv0) {
  static int Anchor;
  std::string Exe = sys::fs::getMainExecutable(Argv0, &Anchor);
  SmallString<256> Dir(sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Dir, "lib", "wasmaot");
  return std::string(Dir);
}

} // namespace wasmaot
