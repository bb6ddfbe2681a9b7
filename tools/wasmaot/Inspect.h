//===- Inspect.h - `wasmaot inspect`: what a module holds -----------------===//
//
// Sections and their sizes, imports and exports with their types, memories,
// tables, globals, the start function, the features the code uses, the
// largest functions, and whether the module is a WASI command, a WASI reactor
// or a library: as text laid out like `wasm-objdump -h -x`, or as JSON.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_WASMAOT_INSPECT_H
#define WASMAOT_TOOLS_WASMAOT_INSPECT_H

#include "frontend/Module.h"

#include <string>
#include <vector>

namespace wasmaot {

/// One section of the file, in file order.
struct SectionInfo {
  uint8_t Id = 0;
  std::string Name;   // "Type", ..., or the custom section's own name
  uint32_t Start = 0; // of the section's contents
  uint32_t Size = 0;
  bool Custom = false;
};

/// Everything `inspect` reports, gathered from a validated module.
struct ModuleReport {
  std::string Kind; // "command", "reactor" or "library"
  std::vector<SectionInfo> Sections;
  /// The feature names of wabt's --disable-FEATURE flags that the module uses.
  std::vector<std::string> Features;
  /// Defined functions' indices, largest body first (ties in index order).
  std::vector<uint32_t> FunctionsBySize;
};

/// Gathers the report of M (which must have passed loadModule). False, with
/// Error filled, only when a body cannot be decoded again.
bool buildModuleReport(const Module &M, ModuleReport &R, std::string &Error);

/// The text form: a header line, the sections, then the details.
std::string formatReportText(const std::string &Path, const Module &M,
                             const ModuleReport &R, unsigned TopFunctions);

/// The JSON form (one object; keys documented in the README).
std::string formatReportJson(const Module &M, const ModuleReport &R,
                             unsigned TopFunctions);

} // namespace wasmaot

#endif
