//===- Quantities.h - Durations and sizes as users write them -------------===//
//
// `--timeout 5s`, `--max-memory 64MiB`, and the same in the server's
// modules.toml: a duration is `<integer>ms|s|m`, a size `<integer>KiB|MiB|GiB`
// (WAGI's and wasmtime's spellings). Header-only: the tool parses them on
// its command line and in configuration files, and a compiled executable
// parses the timeout `wasmaot run` hands it in WASMAOT_TIMEOUT; they share
// no library.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_WASI_LIBHOST_QUANTITIES_H
#define WASMAOT_WASI_LIBHOST_QUANTITIES_H

#include <cstdint>
#include <optional>
#include <string_view>

namespace wasmaot {

/// The leading decimal integer of Text (at least one digit, no sign), and
/// the rest after it; nullopt on overflow or no digit.
inline std::optional<uint64_t> parseLeadingInteger(std::string_view &Text) {
  uint64_t V = 0;
  size_t I = 0;
  for (; I < Text.size() && Text[I] >= '0' && Text[I] <= '9'; ++I) {
    if (V > (UINT64_MAX - 9) / 10)
      return std::nullopt;
    V = V * 10 + uint64_t(Text[I] - '0');
  }
  if (I == 0)
    return std::nullopt;
  Text.remove_prefix(I);
  return V;
}

/// `<integer>ms|s|m` in milliseconds; nullopt when malformed, zero or above
/// a day (a timeout of more is no timeout).
inline std::optional<uint64_t> parseDurationMs(std::string_view Text) {
  std::optional<uint64_t> N = parseLeadingInteger(Text);
  if (!N || *N == 0 || *N > 24ull * 3600 * 1000)
    return std::nullopt;
  uint64_t Scale = Text == "ms"  ? 1
                   : Text == "s" ? 1000
                   : Text == "m" ? 60000
                                 : 0;
  if (Scale == 0 || *N > 24ull * 3600 * 1000 / Scale)
    return std::nullopt;
  return *N * Scale;
}

/// `<integer>KiB|MiB|GiB` in bytes; nullopt when malformed, zero or above
/// 4 GiB (a 32-bit memory's limit).
inline std::optional<uint64_t> parseSizeBytes(std::string_view Text) {
  std::optional<uint64_t> N = parseLeadingInteger(Text);
  uint64_t Scale = Text == "KiB"   ? 1ull << 10
                   : Text == "MiB" ? 1ull << 20
                   : Text == "GiB" ? 1ull << 30
                                   : 0;
  if (!N || *N == 0 || Scale == 0 || *N > (4ull << 30) / Scale)
    return std::nullopt;
  return *N * Scale;
}

} // namespace wasmaot

#endif
