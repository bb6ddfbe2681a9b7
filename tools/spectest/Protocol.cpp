//===- Protocol.cpp - The runner's line protocol with the executor --------===//
#include "Protocol.h"

#include <cstring>

namespace wasmaot::spectest::protocol {

namespace {

const char HexDigits[] = "0123456789abcdef";

void appendHex(std::string &Out, const uint8_t *Bytes, size_t N) {
  for (size_t I = 0; I < N; ++I) {
    Out += HexDigits[Bytes[I] >> 4];
    Out += HexDigits[Bytes[I] & 15];
  }
}

int hexDigit(char C) {
  if (C >= '0' && C <= '9')
    return C - '0';
  if (C >= 'a' && C <= 'f')
    return C - 'a' + 10;
  return -1;
}

/// Decodes hex digits into Out; false when they are not pairs of digits.
bool decodeHex(std::string_view Hex, std::string &Out) {
  if (Hex.size() % 2)
    return false;
  for (size_t I = 0; I < Hex.size(); I += 2) {
    int Hi = hexDigit(Hex[I]), Lo = hexDigit(Hex[I + 1]);
    if (Hi < 0 || Lo < 0)
      return false;
    Out += char(Hi << 4 | Lo);
  }
  return true;
}

} // namespace

LineWriter &LineWriter::word(std::string_view W) {
  if (!Line.empty())
    Line += ' ';
  Line += W;
  return *this;
}

LineWriter &LineWriter::number(int64_t N) { return word(std::to_string(N)); }

LineWriter &LineWriter::string(std::string_view S) {
  std::string Token = "x";
  appendHex(Token, reinterpret_cast<const uint8_t *>(S.data()), S.size());
  return word(Token);
}

LineWriter &LineWriter::value(const Value &V) {
  std::string Token;
  uint8_t Type = uint8_t(V.Type);
  appendHex(Token, &Type, 1);
  appendHex(Token, V.Bytes, sizeof V.Bytes);
  return word(Token);
}

LineWriter &LineWriter::trap(const Trap &T) {
  return number(int64_t(T.Kind))
      .number(int64_t(T.Offset))
      .string(T.Message)
      .string(T.Function);
}

std::string_view LineReader::token() {
  size_t End = Rest.find(' ');
  std::string_view T = Rest.substr(0, End);
  Rest.remove_prefix(End == std::string_view::npos ? Rest.size() : End + 1);
  if (T.empty())
    Good = false;
  return T;
}

std::string_view LineReader::word() { return token(); }

int64_t LineReader::number() {
  std::string T(token());
  char *End = nullptr;
  long long N = strtoll(T.c_str(), &End, 10);
  if (T.empty() || *End)
    Good = false;
  return N;
}

std::string LineReader::string() {
  std::string_view T = token();
  std::string Out;
  if (T.empty() || T[0] != 'x' || !decodeHex(T.substr(1), Out))
    Good = false;
  return Out;
}

Value LineReader::value() {
  std::string Bytes;
  Value V;
  if (!decodeHex(token(), Bytes) || Bytes.size() != 1 + sizeof V.Bytes) {
    Good = false;
    return V;
  }
  V.Type = ValType(uint8_t(Bytes[0]));
  std::memcpy(V.Bytes, Bytes.data() + 1, sizeof V.Bytes);
  return V;
}

Trap LineReader::trap() {
  Trap T;
  T.Kind = TrapKind(number());
  T.Offset = uint64_t(number());
  T.Message = string();
  T.Function = string();
  return T;
}

std::string writeInstantiate(const InstantiateOutcome &O) {
  return LineWriter()
      .number(int64_t(O.S))
      .number(O.Id)
      .number(O.ExitCode)
      .string(O.Message)
      .trap(O.T)
      .str();
}

InstantiateOutcome readInstantiate(std::string_view Line, bool &Ok) {
  LineReader R(Line);
  InstantiateOutcome O;
  O.S = InstantiateResult::Status(R.number());
  O.Id = int(R.number());
  O.ExitCode = uint32_t(R.number());
  O.Message = R.string();
  O.T = R.trap();
  Ok = R.ok();
  return O;
}

std::string writeAction(const ActionOutcome &O) {
  LineWriter W;
  W.number(int64_t(O.S)).number(O.ExitCode).string(O.Message).trap(O.T);
  W.number(int64_t(O.Results.size()));
  for (const Value &V : O.Results)
    W.value(V);
  return W.str();
}

ActionOutcome readAction(std::string_view Line, bool &Ok) {
  LineReader R(Line);
  ActionOutcome O;
  O.S = InvokeResult::Status(R.number());
  O.ExitCode = uint32_t(R.number());
  O.Message = R.string();
  O.T = R.trap();
  int64_t N = R.number();
  for (int64_t I = 0; I < N && R.ok(); ++I)
    O.Results.push_back(R.value());
  Ok = R.ok() && N >= 0 && N <= 1000;
  return O;
}

} // namespace wasmaot::spectest::protocol
