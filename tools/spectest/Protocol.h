//===- Protocol.h - The runner's line protocol with wasmaot-spectest-exec -===//
//
// A RemoteSession sends one request line and reads one reply line, over the
// standard input and output of wasmaot-spectest-exec. Tokens are separated by
// one space: numbers in decimal, strings as `x` and their bytes in hex (a Wasm
// name or a trap message may hold any byte), values as `TT` (the ValType byte)
// and their 16 bytes, all in hex.
//
//   instantiate xPATH          -> STATUS ID EXIT xMESSAGE TRAP
//   register ID xNAME          -> OK xERROR
//   invoke ID xFIELD N VALUE.. -> STATUS EXIT xMESSAGE TRAP N VALUE..
//   get ID xFIELD              -> (as invoke)
//   TRAP = KIND OFFSET xMESSAGE xFUNCTION
//
// STATUS is the number of InstantiateResult::Status or InvokeResult::Status.
// No LLVM: compiled into both the runner and wasmaot-spectest-exec.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_SPECTEST_PROTOCOL_H
#define WASMAOT_TOOLS_SPECTEST_PROTOCOL_H

#include "Session.h"

#include <string>
#include <string_view>

namespace wasmaot::spectest::protocol {

/// Appends tokens to a line.
class LineWriter {
public:
  LineWriter &word(std::string_view W);
  LineWriter &number(int64_t N);
  LineWriter &string(std::string_view S);
  LineWriter &value(const Value &V);
  LineWriter &trap(const Trap &T);
  /// The line, ending with a newline.
  std::string str() const { return Line + "\n"; }

private:
  std::string Line;
};

/// Reads the tokens of a line; a malformed token makes ok() false.
class LineReader {
public:
  explicit LineReader(std::string_view Line) : Rest(Line) {}
  std::string_view word();
  int64_t number();
  std::string string();
  Value value();
  Trap trap();
  bool ok() const { return Good; }

private:
  std::string_view token();
  std::string_view Rest;
  bool Good = true;
};

/// The reply to an instantiation, and reading it back.
std::string writeInstantiate(const InstantiateOutcome &O);
InstantiateOutcome readInstantiate(std::string_view Line, bool &Ok);
/// The reply to an invocation or a global read, and reading it back.
std::string writeAction(const ActionOutcome &O);
ActionOutcome readAction(std::string_view Line, bool &Ok);

} // namespace wasmaot::spectest::protocol

#endif
