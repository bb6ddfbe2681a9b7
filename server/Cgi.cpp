//===- Cgi.cpp - CGI variables and argv, the response from stdout ---------===//
#include "server/Cgi.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace wasmaot::server {

namespace {

bool equalsIgnoreCase(std::string_view A, std::string_view B) {
  return A.size() == B.size() &&
         std::equal(A.begin(), A.end(), B.begin(), [](char X, char Y) {
           return tolower(static_cast<unsigned char>(X)) ==
                  tolower(static_cast<unsigned char>(Y));
         });
}

/// host[:port] split; an IPv6 literal keeps its brackets.
void splitHostPort(std::string_view HostPort, std::string &Host,
                   std::string &Port) {
  size_t Colon = HostPort.rfind(':');
  size_t Bracket = HostPort.rfind(']');
  if (Colon == std::string_view::npos ||
      (Bracket != std::string_view::npos && Colon < Bracket)) {
    Host = std::string(HostPort);
    Port.clear();
    return;
  }
  Host = std::string(HostPort.substr(0, Colon));
  Port = std::string(HostPort.substr(Colon + 1));
}

bool isToken(std::string_view S) {
  if (S.empty())
    return false;
  for (unsigned char C : S)
    if (!(isalnum(C) || std::string_view("!#$%&'*+-.^_`|~").find(char(C)) !=
                            std::string_view::npos))
      return false;
  return true;
}

std::string_view trim(std::string_view S) {
  while (!S.empty() && (S.front() == ' ' || S.front() == '\t'))
    S.remove_prefix(1);
  while (!S.empty() && (S.back() == ' ' || S.back() == '\t'))
    S.remove_suffix(1);
  return S;
}

} // namespace

std::string_view RequestInfo::path() const {
  std::string_view T(Target);
  return T.substr(0, T.find('?'));
}

std::string_view RequestInfo::query() const {
  std::string_view T(Target);
  size_t Q = T.find('?');
  return Q == std::string_view::npos ? std::string_view() : T.substr(Q + 1);
}

const std::string *RequestInfo::header(std::string_view Name) const {
  const std::string *Found = nullptr;
  for (const auto &[N, V] : Headers)
    if (equalsIgnoreCase(N, Name))
      Found = &V;
  return Found;
}

std::string percentDecode(std::string_view S) {
  std::string Out;
  Out.reserve(S.size());
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] == '%' && I + 2 < S.size() &&
        isxdigit(static_cast<unsigned char>(S[I + 1])) &&
        isxdigit(static_cast<unsigned char>(S[I + 2]))) {
      Out += char(std::stoi(std::string(S.substr(I + 1, 2)), nullptr, 16));
      I += 2;
    } else {
      Out += S[I];
    }
  }
  return Out;
}

std::vector<std::string>
buildCgiEnvironment(const Route &R, const RequestInfo &Req,
                    const std::string &DefaultHost,
                    const std::vector<std::string> &Base) {
  // Ordered, so that the guest sees the same environment every time.
  std::map<std::string, std::string> Vars;
  for (const std::string &E : Base) {
    size_t Eq = E.find('=');
    Vars[E.substr(0, Eq)] = E.substr(Eq + 1);
  }
  // SERVER_NAME and SERVER_PORT: from the Host header, else default_host;
  // a port missing from both is the one the server listens on.
  std::string Host = "localhost", Port = std::to_string(Req.ListenPort);
  std::string H, P;
  if (!DefaultHost.empty()) {
    splitHostPort(DefaultHost, H, P);
    if (!H.empty())
      Host = H;
    if (!P.empty())
      Port = P;
  }
  if (const std::string *HostHeader = Req.header("Host")) {
    splitHostPort(*HostHeader, H, P);
    if (!H.empty())
      Host = H;
    if (!P.empty())
      Port = P;
  }
  std::string RawPathInfo = R.rawPathInfo(Req.path());
  std::string PathInfo = percentDecode(RawPathInfo);
  const std::string *ContentType = Req.header("Content-Type");
  Vars["AUTH_TYPE"] = "";
  Vars["CONTENT_LENGTH"] = std::to_string(Req.Body.size());
  Vars["CONTENT_TYPE"] = ContentType ? *ContentType : "";
  Vars["GATEWAY_INTERFACE"] = "CGI/1.1";
  Vars["PATH_INFO"] = PathInfo;
  Vars["PATH_TRANSLATED"] = PathInfo;
  Vars["QUERY_STRING"] = std::string(Req.query());
  Vars["REMOTE_ADDR"] = Req.RemoteAddr;
  Vars["REMOTE_HOST"] = Req.RemoteAddr;
  Vars["REMOTE_USER"] = "";
  Vars["REQUEST_METHOD"] = Req.Method;
  Vars["SCRIPT_NAME"] = R.scriptName();
  Vars["SERVER_NAME"] = Host;
  Vars["SERVER_PORT"] = Port;
  Vars["SERVER_PROTOCOL"] = Req.Protocol;
  Vars["SERVER_SOFTWARE"] = "wasmaot/" WASMAOT_VERSION;
  Vars["X_FULL_URL"] = "http://" + Host + ":" + Port + Req.Target;
  Vars["X_MATCHED_ROUTE"] = R.Text;
  Vars["X_RAW_PATH_INFO"] = RawPathInfo;
  for (const auto &[Name, Value] : Req.Headers) {
    if (equalsIgnoreCase(Name, "Authorization") ||
        equalsIgnoreCase(Name, "Connection"))
      continue;
    std::string Var = "HTTP_";
    for (char C : Name)
      Var += C == '-' ? '_' : char(toupper(static_cast<unsigned char>(C)));
    Vars[Var] = Value; // a repeated header: the last one
  }
  std::vector<std::string> Env;
  Env.reserve(Vars.size());
  for (auto &[Name, Value] : Vars)
    Env.push_back(Name + "=" + Value);
  return Env;
}

std::vector<std::string> buildArgv(std::string_view Template,
                                   const std::string &ScriptName,
                                   std::string_view Query) {
  std::vector<std::string> Argv;
  size_t I = 0;
  while (I < Template.size()) {
    size_t Start = Template.find_first_not_of(" \t", I);
    if (Start == std::string_view::npos)
      break;
    size_t End = Template.find_first_of(" \t", Start);
    std::string_view Word = Template.substr(Start, End == std::string_view::npos
                                                       ? std::string_view::npos
                                                       : End - Start);
    I = End == std::string_view::npos ? Template.size() : End;
    if (Word == "${ARGS}") {
      for (size_t P = 0; !Query.empty() && P <= Query.size();) {
        size_t Amp = Query.find('&', P);
        if (Amp == std::string_view::npos)
          Amp = Query.size();
        Argv.emplace_back(Query.substr(P, Amp - P));
        P = Amp + 1;
      }
      continue;
    }
    std::string W(Word);
    for (size_t At; (At = W.find("${SCRIPT_NAME}")) != std::string::npos;)
      W.replace(At, 14, ScriptName);
    Argv.push_back(std::move(W));
  }
  return Argv;
}

bool parseCgiResponse(std::string_view Output, CgiResponse &Out,
                      std::string &Error) {
  // The header block ends at the first empty line (LF LF or CRLF CRLF).
  size_t Pos = 0;
  bool Ended = false;
  bool HaveType = false, HaveLocation = false, HaveStatus = false;
  while (Pos < Output.size()) {
    size_t Eol = Output.find('\n', Pos);
    if (Eol == std::string_view::npos)
      break;
    std::string_view Line = Output.substr(Pos, Eol - Pos);
    Pos = Eol + 1;
    if (!Line.empty() && Line.back() == '\r')
      Line.remove_suffix(1);
    if (Line.empty()) {
      Ended = true;
      break;
    }
    size_t Colon = Line.find(':');
    std::string_view Name =
        Colon == std::string_view::npos ? Line : trim(Line.substr(0, Colon));
    if (Colon == std::string_view::npos || !isToken(Name)) {
      Error = "malformed header line '" + std::string(Line.substr(0, 80)) + "'";
      return false;
    }
    std::string_view Value = trim(Line.substr(Colon + 1));
    for (unsigned char C : Value)
      if ((C < 0x20 && C != '\t') || C == 0x7f) {
        Error = "control character in header " + std::string(Name);
        return false;
      }
    if (equalsIgnoreCase(Name, "status")) {
      std::string_view Code = Value.substr(0, Value.find(' '));
      if (Code.size() != 3 || !std::all_of(Code.begin(), Code.end(), isdigit) ||
          Code[0] < '1' || Code[0] > '5') {
        Error = "bad status '" + std::string(Value) + "'";
        return false;
      }
      Out.Status = unsigned(std::stoi(std::string(Code)));
      HaveStatus = true;
      continue;
    }
    HaveType |= equalsIgnoreCase(Name, "content-type");
    HaveLocation |= equalsIgnoreCase(Name, "location");
    Out.Headers.emplace_back(std::string(Name), std::string(Value));
  }
  if (!Ended) {
    Error = "no blank line after the headers";
    return false;
  }
  if (!HaveType && !HaveLocation) {
    Error = "neither content-type nor location in the headers";
    return false;
  }
  if (HaveLocation && !HaveStatus)
    Out.Status = 302;
  Out.Body = std::string(Output.substr(Pos));
  return true;
}

} // namespace wasmaot::server
