//===- Driver.h - From a .wasm file to native code, the whole pipeline ----===//
//
// Shared by the `wasmaot` tool and the spec test runner: read, decode and
// validate, lower, optimise and emit, link.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_DRIVER_H
#define WASMAOT_TOOLS_DRIVER_H

#include "codegen/Codegen.h"
#include "codegen/Linker.h"
#include "frontend/Frontend.h"
#include "lowering/Lowering.h"

#include <optional>
#include <string>
#include <vector>

namespace wasmaot {

/// An error ready to print: tied to a byte of an input file or not.
struct DriverError {
  std::string File;               // empty when not tied to an input file
  std::optional<uint32_t> Offset; // set when tied to a byte of File
  std::string Message;
  bool Malformed = false; // for the spec runner: decoding, not validation
  /// Set instead of Offset when tied to a place in a text (.wat) file.
  std::optional<std::pair<uint32_t, uint32_t>> LineColumn = std::nullopt;

  /// `FILE:0xOFFSET: error: MESSAGE`, `FILE:LINE:COLUMN: error: MESSAGE`
  /// or `wasmaot: error: MESSAGE`.
  std::string format() const;
};

struct CompileOptions {
  LoweringOptions Lowering;
  CodegenOptions Codegen;
  /// The features a module may use (--disable-FEATURE turns one off).
  Features Enabled;
};

/// Reads a whole file. False, with Err filled, when it cannot.
bool readFile(const std::string &Path, std::vector<uint8_t> &Bytes,
              DriverError &Err);

/// Reads a module: a binary module as it is, a text module (`.wat`, or text
/// whose first character is '(' or ';') translated to the binary format with
/// wabt's parser (WatReader.cpp).
bool readModuleFile(const std::string &Path, std::vector<uint8_t> &Bytes,
                    DriverError &Err);
bool isWatText(const std::string &Path, const std::vector<uint8_t> &Bytes);
/// Replaces the text in Bytes by its binary form; false with the first
/// error at its line and column.
bool translateWat(const std::string &Path, std::vector<uint8_t> &Bytes,
                  DriverError &Err);

/// Decodes and validates Bytes (named Path in messages) with the features
/// Enabled.
bool loadWasm(const std::string &Path, std::vector<uint8_t> Bytes, Module &M,
              DriverError &Err, const Features &Enabled = {});

/// Checks that every import of M is a function the WASI host of a compiled
/// executable provides, with the same signature: a missing import is an error
/// at compile time, never at run time.
bool checkExecutableImports(const std::string &Path, const Module &M,
                            DriverError &Err);

/// Lowers, optimises and emits M as Kind into Outputs: one output, or one per
/// part when the module is split to be compiled in parallel (see
/// CodegenOptions::Parts).
bool compileWasm(const std::string &Path, const Module &M,
                 const CompileOptions &Opts, EmitKind Kind,
                 std::vector<std::string> &Outputs, DriverError &Err);

/// Writes Data to Path through a temporary file renamed into place, so that a
/// failure leaves nothing at Path. "-" is standard output.
bool writeFileAtomically(const std::string &Path, const std::string &Data,
                         DriverError &Err);

/// Links objects (in memory) at OutputPath, through temporary object files:
/// into an executable, a shared library for a process that has the runtime
/// (the server, the spec runner), or an embedding library named LibraryName
/// (--emit=lib, --emit=shared) that carries its own.
enum class LinkKind { Executable, SharedLibrary, EmbedArchive, EmbedShared };
bool linkObjects(const std::vector<std::string> &Objects, LinkKind Kind,
                 const std::string &OutputPath, const LinkOptions &Opts,
                 DriverError &Err, const std::string &LibraryName = "");

/// Checks that every WASI import of M (module wasi_snapshot_preview1) is a
/// function the WASI host provides, with its signature; other imports are
/// left to the caller.
bool checkWasiImports(const std::string &Path, const Module &M,
                      DriverError &Err);

/// The text of NAME.h for a library (EmbedHeader.cpp); ModuleName names the
/// input in its first comment.
std::string writeEmbedHeader(const EmbedInterface &EI,
                             const std::string &ModuleName);

/// The directory holding the runtime archives, one folder per target triple:
/// <dir of this program>/../lib/wasmaot (the same in the build tree and in an
/// installed tree, so a moved installation still finds them).
std::string getDefaultRuntimeLibDir(const char *Argv0);

} // namespace wasmaot

#endif
