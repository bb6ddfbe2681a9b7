//===- Cgi.h - A request as CGI variables and argv, a response from stdout
//-===//
//
// What WAGI gives a handler (CGI 1.1 plus its X_ variables, argv from the
// route's template) and how it reads the answer (header lines, a blank line,
// the body). docs/serve.md lists every variable.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_SERVER_CGI_H
#define WASMAOT_SERVER_CGI_H

#include "server/Routes.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wasmaot::server {

/// What the HTTP layer tells the handler about a request.
struct RequestInfo {
  std::string Method;
  std::string Target;   // raw path and query, as received
  std::string Protocol; // "HTTP/1.1"
  std::vector<std::pair<std::string, std::string>> Headers;
  std::string_view Body;
  std::string RemoteAddr;
  uint16_t ListenPort = 0;

  std::string_view path() const;  // Target up to '?'
  std::string_view query() const; // after '?', or empty
  /// The value of the last header of that name (any case), or null.
  const std::string *header(std::string_view Name) const;
};

/// The environment of a handler: Base (env file, --env, the module's
/// environment, in that order, later ones winning) overridden by the CGI
/// variables of the request, then by its HTTP_* headers. Each name once.
std::vector<std::string>
buildCgiEnvironment(const Route &R, const RequestInfo &Req,
                    const std::string &DefaultHost,
                    const std::vector<std::string> &Base);

/// argv from the route's template: words split at spaces, `${SCRIPT_NAME}`
/// replaced in a word, a word `${ARGS}` replaced by the query string's
/// parts split at '&' (raw, as in the URL), none for an empty query.
std::vector<std::string> buildArgv(std::string_view Template,
                                   const std::string &ScriptName,
                                   std::string_view Query);

/// %XX decoded (PATH_INFO from X_RAW_PATH_INFO).
std::string percentDecode(std::string_view S);

struct CgiResponse {
  unsigned Status = 200;
  std::vector<std::pair<std::string, std::string>> Headers; // as written
  std::string Body;
};

/// Reads a handler's standard output: header lines (`Name: value`, LF or
/// CRLF), a blank line, the body. `status: NNN [reason]` sets the code;
/// `content-type` or `location` is required; `location` alone gives 302.
/// False with Error (for the log) when the block is malformed: no blank
/// line, a line that is not a header, a bad name, a control character in a
/// value, a bad status, or neither content-type nor location.
bool parseCgiResponse(std::string_view Output, CgiResponse &Out,
                      std::string &Error);

} // namespace wasmaot::server

#endif
