//===- EmbedInterface.h - A module's C interface for --emit=lib -----------===//
//
// What a library made by `wasmaot compile --emit=lib --name NAME` declares
// (docs/embedding.md): the C names of its exports, host imports, memories and
// globals, decided once here for both the glue lowering emits
// (EmbedGlue.cpp) and the header the driver writes (tools/driver/
// EmbedHeader.cpp), so the two never disagree.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWERING_EMBEDINTERFACE_H
#define WASMAOT_LOWERING_EMBEDINTERFACE_H

#include "frontend/Frontend.h"

#include <string>
#include <vector>

namespace wasmaot {

/// The module name WASI imports come from.
inline constexpr const char *WasiModuleName = "wasi_snapshot_preview1";

struct EmbedExport {
  std::string Symbol; // NAME_E
  std::string WasmName;
  uint32_t FuncIndex = 0;
  FuncType Type;
  /// `struct NAME_E_results` (several results), else empty.
  std::string ResultsStruct;
};

/// A function import the host provides through NAME_imports.
struct EmbedHostImport {
  std::string Member; // MODULE_FIELD
  std::string Module, Field;
  uint32_t FuncIndex = 0; // among the module's functions (imports first)
  FuncType Type;
  /// `struct NAME_MODULE_FIELD_results` (several results), else empty.
  std::string ResultsStruct;
};

struct EmbedMemory {
  std::string Symbol; // NAME_memory_M
  uint32_t Index = 0;
};

struct EmbedGlobal {
  std::string Getter; // NAME_global_G_get
  std::string Setter; // NAME_global_G_set; empty when immutable
  uint32_t Index = 0;
  ValType Type = ValType::I32;
};

struct EmbedInterface {
  std::string Name;
  std::vector<EmbedExport> Exports;
  std::vector<EmbedHostImport> HostImports; // NAME_imports, in module order
  /// One per imported function: whether WASI provides it.
  std::vector<bool> ImportIsWasi;
  std::vector<EmbedMemory> Memories;
  std::vector<EmbedGlobal> Globals;

  std::string instanceType() const { return Name + "_instance"; }
  std::string importsType() const { return Name + "_imports"; }
};

/// A Wasm name as a C identifier: every byte but [A-Za-z0-9_] becomes `_`,
/// and `_` goes first when it starts with a digit (or is empty).
std::string getCIdentifier(const std::string &Name);

/// Fills Out for M under Name. False with Diag set when Name is not a C
/// identifier, when the module imports something other than functions, or
/// when two names (or a name and a fixed one, or a keyword) would be the
/// same C name; the message names both.
bool describeEmbedInterface(const Module &M, const std::string &Name,
                            EmbedInterface &Out, Diagnostic &Diag);

} // namespace wasmaot

#endif
