//===- GrantChannel.h - Grants passed to an executable at launch ----------===//
//
// `WASMAOT_ENV` and `WASMAOT_DIR` carry grants from `wasmaot run` (or a user)
// to a compiled executable: entries separated by newlines. An entry may hold
// any byte but NUL (a value or a path may hold a newline), so within an entry
// a backslash escapes: `\n` is a newline and `\\` a backslash; any other
// backslash is an error, so that a mistyped entry is never read as something
// else. Header-only: used by the tool (which writes the channel) and by
// executables' main (which reads it), which share no library.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_WASI_LIBHOST_GRANTCHANNEL_H
#define WASMAOT_WASI_LIBHOST_GRANTCHANNEL_H

#include <string>
#include <string_view>
#include <vector>

namespace wasmaot {

/// One entry as the channel writes it.
inline std::string escapeGrant(std::string_view Entry) {
  std::string Out;
  for (char C : Entry) {
    if (C == '\\')
      Out += "\\\\";
    else if (C == '\n')
      Out += "\\n";
    else
      Out += C;
  }
  return Out;
}

/// Entries joined into the channel's form, each ending with a newline.
inline std::string joinGrants(const std::vector<std::string> &Entries) {
  std::string Out;
  for (const std::string &E : Entries)
    Out += escapeGrant(E) + "\n";
  return Out;
}

/// The entries of a channel's value (empty lines skipped). False, with Error
/// naming the entry, on a backslash that escapes nothing known.
inline bool splitGrants(std::string_view Value,
                        std::vector<std::string> &Entries, std::string &Error) {
  std::string Entry;
  for (size_t I = 0; I <= Value.size(); ++I) {
    if (I == Value.size() || Value[I] == '\n') {
      if (!Entry.empty())
        Entries.push_back(std::move(Entry));
      Entry.clear();
    } else if (Value[I] != '\\') {
      Entry += Value[I];
    } else if (I + 1 < Value.size() &&
               (Value[I + 1] == 'n' || Value[I + 1] == '\\')) {
      Entry += Value[++I] == 'n' ? '\n' : '\\';
    } else {
      size_t LineEnd = Value.find('\n', I);
      size_t LineStart = Value.rfind('\n', I);
      LineStart = LineStart == std::string_view::npos ? 0 : LineStart + 1;
      Error = "a backslash must be followed by 'n' or '\\' (escape a "
              "backslash as '\\\\'), in '" +
              std::string(Value.substr(LineStart, LineEnd - LineStart)) + "'";
      return false;
    }
  }
  return true;
}

} // namespace wasmaot

#endif
