//===- Frontend.h - Decoding and validating modules -----------------------===//
#ifndef WASMAOT_FRONTEND_FRONTEND_H
#define WASMAOT_FRONTEND_FRONTEND_H

#include "frontend/Instr.h"
#include "frontend/Module.h"

#include <optional>
#include <string>
#include <vector>

namespace wasmaot {

/// The first problem found in a module: where, and what.
struct Diagnostic {
  uint32_t Offset = 0; // byte offset in the file
  std::string Message; // e.g. "type mismatch in i32.add: expected
                       // i32, found f64 (function 12 "$parse_args")"
  /// Whether the module is malformed (cannot be decoded) rather than invalid
  /// (decodes but breaks a validation rule). The spec runner tells them apart.
  bool Malformed = true;
  /// The function whose body holds the problem, if any (imports counted).
  std::optional<uint32_t> FuncIndex;
};

/// Decodes every section, with the features Enabled (recorded in
/// Out.Enabled for validation). Bodies are checked only for their framing
/// here. On failure returns false and fills Diag.
bool parseModule(std::vector<uint8_t> Bytes, Module &Out, Diagnostic &Diag,
                 const Features &Enabled = {});

/// Validates everything parseModule did not: the module-level rules and every
/// function body. On failure returns false and fills Diag.
bool validateModule(const Module &M, Diagnostic &Diag);

/// Decodes and validates one defined function's body, forwarding every valid
/// instruction to Next (which may be null). FuncIndex counts imports.
bool decodeFunction(const Module &M, uint32_t FuncIndex, OperatorVisitor *Next,
                    Diagnostic &Diag);

/// parseModule then validateModule.
bool loadModule(std::vector<uint8_t> Bytes, Module &Out, Diagnostic &Diag,
                const Features &Enabled = {});

} // namespace wasmaot

#endif
