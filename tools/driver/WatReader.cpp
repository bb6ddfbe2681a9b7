//===- WatReader.cpp - .wat text to a binary module, with wabt ------------===//
//
// The text format is parsed by wabt's library (libwabt.a from Debian's wabt
// package), never by a parser of our own: every command that reads a module
// accepts `.wat`, translated to the binary format first. Offsets in later
// messages (validation errors, traps) are offsets in that binary.
//
//===----------------------------------------------------------------------===//
#include "tools/driver/Driver.h"

#include "wabt/binary-writer.h"
#include "wabt/error.h"
#include "wabt/feature.h"
#include "wabt/ir.h"
#include "wabt/stream.h"
#include "wabt/wast-lexer.h"
#include "wabt/wast-parser.h"

namespace wasmaot {

bool isWatText(const std::string &Path, const std::vector<uint8_t> &Bytes) {
  if (Bytes.size() >= 4 && Bytes[0] == 0 && Bytes[1] == 'a' &&
      Bytes[2] == 's' && Bytes[3] == 'm')
    return false;
  if (Path.size() >= 4 && Path.compare(Path.size() - 4, 4, ".wat") == 0)
    return true;
  // Text by its first character: a module or a comment.
  for (uint8_t C : Bytes) {
    if (C == ' ' || C == '\t' || C == '\n' || C == '\r')
      continue;
    return C == '(' || C == ';';
  }
  return false;
}

bool translateWat(const std::string &Path, std::vector<uint8_t> &Bytes,
                  DriverError &Err) {
  wabt::Errors Errors;
  std::unique_ptr<wabt::WastLexer> Lexer = wabt::WastLexer::CreateBufferLexer(
      Path, Bytes.data(), Bytes.size(), &Errors);
  // Every proposal wabt's text parser knows; validation is ours, later.
  wabt::Features Features;
  Features.EnableAll();
  wabt::WastParseOptions ParseOptions(Features);
  std::unique_ptr<wabt::Module> M;
  wabt::Result R =
      wabt::ParseWatModule(Lexer.get(), &M, &Errors, &ParseOptions);
  wabt::MemoryStream Out;
  if (wabt::Succeeded(R)) {
    wabt::WriteBinaryOptions WriteOptions(Features, /*canonicalize_lebs=*/true,
                                          /*relocatable=*/false,
                                          /*write_debug_names=*/true);
    R = wabt::WriteBinaryModule(&Out, M.get(), WriteOptions);
  }
  if (wabt::Failed(R)) {
    Err = {"", std::nullopt, "cannot translate the text module"};
    if (!Errors.empty()) {
      const wabt::Error &E = Errors.front();
      Err.Message = E.message;
      if (E.loc.line > 0) {
        Err.File = Path;
        Err.LineColumn = {uint32_t(E.loc.line), uint32_t(E.loc.first_column)};
      } else {
        Err.Message = Path + ": " + Err.Message;
      }
    }
    return false;
  }
  Bytes = Out.output_buffer().data;
  return true;
}

} // namespace wasmaot
