//===- Server.cpp - `wasmaot serve` ---------------------------------------===//
//
// Threads: Asio I/O threads accept, read requests (Beast's parser: keep-alive,
// pipelining, chunked bodies, a body limit) and write responses; a request is
// handed to the worker pool, whose threads run guests, and the response goes
// back to the connection's I/O thread. A handler stuck in its guest holds one
// worker until the watchdog interrupts it, never an I/O thread.
//
//===----------------------------------------------------------------------===//
#include "server/Server.h"
#include "server/Cgi.h"
#include "server/Config.h"
#include "server/Handler.h"
#include "server/Routes.h"
#include "server/Watchdog.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace wasmaot::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

unsigned getDefaultWorkers() {
  return std::max(16u, 8 * std::max(1u, std::thread::hardware_concurrency()));
}

namespace {

/// How long a connection may take to send a request (headers and body) or
/// to take a response: slow clients are cut off after it.
constexpr std::chrono::seconds ConnectionTimeout{30};

/// A message about a request or the server's work (the server goes on).
void logError(const std::string &Line) {
  fprintf(stderr, "wasmaot: serve: %s\n", Line.c_str());
}

/// Why start-up failed, as every wasmaot error reads; the exit code.
int failStartup(const std::string &Line) {
  fprintf(stderr, "wasmaot: error: %s\n", Line.c_str());
  return 1;
}

/// HOST:PORT, [V6]:PORT.
bool parseListen(const std::string &Text, tcp::endpoint &Out,
                 std::string &Error) {
  size_t Colon = Text.rfind(':');
  if (Colon == std::string::npos || Colon + 1 == Text.size()) {
    Error = "--listen: expected HOST:PORT, got '" + Text + "'";
    return false;
  }
  std::string Host = Text.substr(0, Colon);
  if (Host.size() >= 2 && Host.front() == '[' && Host.back() == ']')
    Host = Host.substr(1, Host.size() - 2);
  beast::error_code Ec;
  net::ip::address Addr = net::ip::make_address(Host, Ec);
  unsigned long Port = 0;
  try {
    size_t Used = 0;
    Port = std::stoul(Text.substr(Colon + 1), &Used);
    if (Used != Text.size() - Colon - 1)
      Port = 70000;
  } catch (...) {
    Port = 70000;
  }
  if (Ec || Port > 65535) {
    Error = "--listen: expected HOST:PORT with a numeric address, got '" +
            Text + "'";
    return false;
  }
  Out = tcp::endpoint(Addr, uint16_t(Port));
  return true;
}

class Server;

/// One connection: read a request, hand it to a worker, write the response,
/// again while the client keeps the connection.
class Session : public std::enable_shared_from_this<Session> {
public:
  Session(tcp::socket Socket, Server &S);
  void start() {
    net::dispatch(
        Stream.get_executor(),
        beast::bind_front_handler(&Session::read, shared_from_this()));
  }

private:
  void read();
  void onRead(beast::error_code Ec, size_t);
  void write(std::shared_ptr<Response> R);
  void onWrite(bool Close, beast::error_code Ec, size_t);
  void close();
  void drain();

  beast::tcp_stream Stream;
  std::array<char, 16384> Drained;
  beast::flat_buffer Buffer;
  std::optional<http::request_parser<http::string_body>> Parser;
  std::shared_ptr<Response> Pending;
  Server &S;
  std::string Remote;
};

class Server {
public:
  explicit Server(const ServeOptions &O) : Opts(O), Workers(workerCount(O)) {}
  int start(const CompileFn &Compile);

  // Used by Session.
  std::shared_ptr<Response> handle(Request &Req, const std::string &Remote);
  std::shared_ptr<Response> makeError(unsigned Status, unsigned Version,
                                      const std::string &Body = "");
  void logAccess(const std::string &Method, const std::string &Target,
                 unsigned Status, size_t Bytes, double Micros);
  net::thread_pool &workers() { return Workers; }
  uint64_t maxRequestBytes() const { return Opts.MaxRequestBytes; }
  bool stopping() const { return Stopping.load(); }
  std::atomic<int> InFlight{0};

private:
  static unsigned workerCount(const ServeOptions &O) {
    return O.Workers ? O.Workers : getDefaultWorkers();
  }
  bool loadModules(const CompileFn &Compile, std::string &Error);
  void accept();
  void shutDown();
  void waitForInFlight(std::chrono::steady_clock::time_point Until);
  std::shared_ptr<Response> runHandler(const Route &R, Request &Req,
                                       const std::string &Remote);
  void reportReadyTimes();

  ServeOptions Opts;
  ServerConfig Config;
  std::vector<std::string> BaseEnv; // env files, then --env
  std::vector<std::unique_ptr<ModuleHandler>> Handlers;
  RouteTable Routes;
  bool HealthzClaimed = false;
  uint64_t LongestTimeoutMs = 0;
  uint16_t Port = 0;
  Watchdog Dog;
  net::io_context Io;
  std::optional<tcp::acceptor> Acceptor;
  std::optional<net::steady_timer> DrainTimer;
  net::thread_pool Workers;
  std::atomic<bool> Stopping{false};
  std::mutex LogLock;
};

//===----------------------------------------------------------------------===//
// Session
//===----------------------------------------------------------------------===//

Session::Session(tcp::socket Socket, Server &S)
    : Stream(std::move(Socket)), S(S) {
  beast::error_code Ec;
  auto Peer = Stream.socket().remote_endpoint(Ec);
  Remote = Ec ? "" : Peer.address().to_string();
  Stream.socket().set_option(tcp::no_delay(true), Ec);
}

void Session::read() {
  Parser.emplace();
  Parser->body_limit(S.maxRequestBytes());
  Parser->header_limit(64 * 1024);
  Stream.expires_after(ConnectionTimeout);
  http::async_read(
      Stream, Buffer, *Parser,
      beast::bind_front_handler(&Session::onRead, shared_from_this()));
}

void Session::onRead(beast::error_code Ec, size_t) {
  if (Ec == http::error::body_limit) {
    ++S.InFlight;
    auto R =
        S.makeError(413, Parser->get().version(), "request body too large\n");
    R->keep_alive(false);
    S.logAccess(std::string(Parser->get().method_string()),
                std::string(Parser->get().target()), 413, R->body().size(), 0);
    return write(R);
  }
  if (Ec) {
    // A parse error gets 400; a closed, timed-out or reset connection
    // nothing.
    if (Ec.category() ==
            http::make_error_code(http::error::bad_target).category() &&
        Ec != http::error::end_of_stream &&
        Ec != http::error::partial_message) {
      ++S.InFlight;
      auto R = S.makeError(400, 11, "bad request\n");
      R->keep_alive(false);
      return write(R);
    }
    return close();
  }
  auto Req = std::make_shared<Request>(Parser->release());
  ++S.InFlight;
  net::post(S.workers(), [Self = shared_from_this(), Req] {
    std::shared_ptr<Response> R = Self->S.handle(*Req, Self->Remote);
    net::post(Self->Stream.get_executor(), [Self, R] { Self->write(R); });
  });
}

void Session::write(std::shared_ptr<Response> R) {
  Pending = std::move(R);
  if (S.stopping())
    Pending->keep_alive(false);
  bool Close = !Pending->keep_alive();
  Stream.expires_after(ConnectionTimeout);
  http::async_write(
      Stream, *Pending,
      beast::bind_front_handler(&Session::onWrite, shared_from_this(), Close));
}

void Session::onWrite(bool Close, beast::error_code Ec, size_t) {
  --S.InFlight;
  Pending.reset();
  if (Ec || Close || S.stopping())
    return close();
  read();
}

void Session::close() {
  // A lingering close: what the client still sends (the rest of a body
  // refused with 413) is read and dropped for a while, so that closing with
  // unread data does not reset the connection before the client has read
  // the response.
  beast::error_code Ec;
  Stream.socket().shutdown(tcp::socket::shutdown_send, Ec);
  Stream.expires_after(std::chrono::seconds(5));
  drain();
}

void Session::drain() {
  Stream.async_read_some(
      net::buffer(Drained),
      [Self = shared_from_this()](beast::error_code Ec, size_t) {
        if (!Ec)
          Self->drain();
      });
}

//===----------------------------------------------------------------------===//
// Server
//===----------------------------------------------------------------------===//

std::shared_ptr<Response> Server::makeError(unsigned Status, unsigned Version,
                                            const std::string &Body) {
  auto R = std::make_shared<Response>(http::status(Status), Version);
  R->set(http::field::server, "wasmaot/" WASMAOT_VERSION);
  if (!Body.empty())
    R->set(http::field::content_type, "text/plain");
  R->body() = Body;
  R->prepare_payload();
  return R;
}

void Server::logAccess(const std::string &Method, const std::string &Target,
                       unsigned Status, size_t Bytes, double Micros) {
  std::lock_guard<std::mutex> G(LogLock);
  fprintf(stdout, "%s %s %u %zu %.0f\n", Method.c_str(), Target.c_str(), Status,
          Bytes, Micros);
  fflush(stdout);
}

std::shared_ptr<Response> Server::handle(Request &Req,
                                         const std::string &Remote) {
  auto Start = std::chrono::steady_clock::now();
  std::string Target(Req.target());
  std::string_view Path(Target);
  Path = Path.substr(0, Path.find('?'));
  std::shared_ptr<Response> R;
  const Route *Matched = Routes.match(Path);
  if (Path == "/healthz" && !HealthzClaimed)
    R = makeError(200, Req.version(), "OK");
  else if (!Matched)
    R = makeError(404, Req.version());
  else
    R = runHandler(*Matched, Req, Remote);
  R->keep_alive(Req.keep_alive());
  if (Req.method() == http::verb::head) {
    // The length of the body a GET would get, and no body.
    size_t Length = R->body().size();
    R->body().clear();
    R->content_length(Length);
  }
  logAccess(std::string(Req.method_string()), Target, R->result_int(),
            R->body().size(),
            std::chrono::duration<double, std::micro>(
                std::chrono::steady_clock::now() - Start)
                .count());
  return R;
}

std::shared_ptr<Response> Server::runHandler(const Route &Rt, Request &Req,
                                             const std::string &Remote) {
  ModuleHandler &H = *Handlers[Rt.Module];
  RequestInfo Info;
  Info.Method = std::string(Req.method_string());
  Info.Target = std::string(Req.target());
  Info.Protocol = Req.version() == 10 ? "HTTP/1.0" : "HTTP/1.1";
  for (const auto &F : Req)
    Info.Headers.emplace_back(std::string(F.name_string()),
                              std::string(F.value()));
  Info.Body = Req.body();
  Info.RemoteAddr = Remote;
  Info.ListenPort = Port;
  std::vector<std::string> Base = BaseEnv;
  Base.insert(Base.end(), H.config().Environment.begin(),
              H.config().Environment.end());
  std::vector<std::string> Env =
      buildCgiEnvironment(Rt, Info, Config.DefaultHost, Base);
  std::vector<std::string> Argv =
      buildArgv(H.config().Argv, Rt.scriptName(), Info.query());
  HandlerRun Run =
      H.run(Rt.Entrypoint, std::move(Argv), std::move(Env), Info.Body, Dog);

  std::string Where = Rt.Text + " (" + H.config().ModulePath + ")";
  if (!Run.Stderr.empty()) {
    // The guest's log, a line at a time, each prefixed with the route.
    std::string Lines;
    std::string_view Err(Run.Stderr);
    while (!Err.empty()) {
      size_t Eol = Err.find('\n');
      Lines += "[" + Rt.Text + "] " + std::string(Err.substr(0, Eol)) + "\n";
      Err = Eol == std::string_view::npos ? "" : Err.substr(Eol + 1);
    }
    std::lock_guard<std::mutex> G(LogLock);
    fputs(Lines.c_str(), stderr);
  }
  switch (Run.S) {
  case HandlerRun::Status::Ok:
    break;
  case HandlerRun::Status::TimedOut:
    logError(Where + ": timed out after " +
             std::to_string(H.limits().TimeoutMs) + " ms: " + Run.Message);
    return makeError(504, Req.version());
  case HandlerRun::Status::Trapped:
    logError(Where + ": trap: " + Run.Message);
    return makeError(500, Req.version());
  case HandlerRun::Status::Exited:
    logError(Where + ": exited with " + std::to_string(Run.ExitCode));
    return makeError(500, Req.version());
  case HandlerRun::Status::Overflow:
    logError(Where + ": output over the limit of " +
             std::to_string(H.limits().MaxOutputBytes) + " bytes");
    return makeError(500, Req.version());
  case HandlerRun::Status::Error:
    logError(Where + ": " + Run.Message);
    return makeError(500, Req.version());
  }
  CgiResponse Cgi;
  std::string Why;
  if (!parseCgiResponse(Run.Stdout, Cgi, Why)) {
    logError(Where + ": bad response: " + Why);
    return makeError(500, Req.version());
  }
  auto R = std::make_shared<Response>(http::status(Cgi.Status), Req.version());
  R->set(http::field::server, "wasmaot/" WASMAOT_VERSION);
  for (auto &[Name, Value] : Cgi.Headers)
    R->insert(Name, Value);
  R->body() = std::move(Cgi.Body);
  R->prepare_payload();
  return R;
}

bool Server::loadModules(const CompileFn &Compile, std::string &Error) {
  LongestTimeoutMs = Opts.TimeoutMs;
  for (size_t I = 0; I < Config.Modules.size(); ++I) {
    const ModuleConfig &M = Config.Modules[I];
    std::string Where = "route " + M.Route + ": ";
    std::string Library, Why;
    if (!Compile(M.ModulePath, Library, Why)) {
      Error = Where + Why;
      return false;
    }
    HandlerLimits L;
    L.TimeoutMs = M.TimeoutMs.value_or(Opts.TimeoutMs);
    L.MaxMemoryBytes = M.MaxMemoryBytes.value_or(Opts.MaxMemoryBytes);
    L.MaxOutputBytes = Opts.MaxResponseBytes;
    LongestTimeoutMs = std::max(LongestTimeoutMs, L.TimeoutMs);
    auto H = ModuleHandler::load(M, Library, L, Dog, Why);
    if (!H) {
      Error = Where + M.ModulePath + ": " + Why;
      return false;
    }
    Route Base = parseRoute(M.Route, I, M.Entrypoint);
    if (H->exportsFunction("_routes")) {
      HandlerRun Run = H->run("_routes", {M.ModulePath}, {}, "", Dog);
      std::vector<Route> Dynamic;
      if (Run.S != HandlerRun::Status::Ok) {
        Error = Where + "_routes failed: " +
                (Run.Message.empty() ? "exit " + std::to_string(Run.ExitCode)
                                     : Run.Message);
        return false;
      }
      if (!parseDynamicRoutes(Base, Run.Stdout, Dynamic, Why)) {
        Error = Where + Why;
        return false;
      }
      for (Route &D : Dynamic)
        if (!Routes.add(std::move(D), Why)) {
          Error = Where + Why;
          return false;
        }
    }
    if (!Routes.add(std::move(Base), Why)) {
      Error = Where + Why;
      return false;
    }
    Handlers.push_back(std::move(H));
  }
  for (const Route &R : Routes.routes())
    HealthzClaimed |= R.Base == "/healthz";
  return true;
}

int Server::start(const CompileFn &Compile) {
  std::string Error;
  std::vector<std::string> Warnings;
  tcp::endpoint Endpoint;
  if (!parseListen(Opts.Listen, Endpoint, Error) ||
      !loadConfig(Opts.ConfigPath, Config, Error))
    return failStartup(Error);
  for (const std::string &F : Opts.EnvFiles)
    if (!loadEnvFile(F, BaseEnv, Warnings, Error))
      return failStartup(Error);
  BaseEnv.insert(BaseEnv.end(), Opts.Env.begin(), Opts.Env.end());
  Warnings.insert(Warnings.end(), Config.Warnings.begin(),
                  Config.Warnings.end());
  for (const std::string &W : Warnings)
    fprintf(stderr, "wasmaot: serve: warning: %s\n", W.c_str());
  if (!loadModules(Compile, Error))
    return failStartup(Error);
  beast::error_code Ec;
  Acceptor.emplace(Io);
  if (Acceptor->open(Endpoint.protocol(), Ec) ||
      Acceptor->set_option(net::socket_base::reuse_address(true), Ec) ||
      Acceptor->bind(Endpoint, Ec) ||
      Acceptor->listen(net::socket_base::max_listen_connections, Ec)) {
    return failStartup("cannot listen on " + Opts.Listen + ": " + Ec.message());
  }
  Port = Acceptor->local_endpoint().port();
  fprintf(stderr,
          "wasmaot: serve: listening on http://%s:%u (%zu routes, %u "
          "workers)\n",
          Endpoint.address().to_string().c_str(), unsigned(Port),
          Routes.routes().size(), workerCount(Opts));

  net::signal_set Signals(Io, SIGINT, SIGTERM);
  Signals.async_wait([this](beast::error_code, int) { shutDown(); });
  accept();
  unsigned IoThreads =
      std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::vector<std::thread> Threads;
  for (unsigned I = 1; I < IoThreads; ++I)
    Threads.emplace_back([this] { Io.run(); });
  Io.run();
  for (std::thread &T : Threads)
    T.join();
  Workers.join();
  reportReadyTimes();
  fprintf(stderr, "wasmaot: serve: stopped\n");
  return 0;
}

void Server::accept() {
  Acceptor->async_accept(
      net::make_strand(Io), [this](beast::error_code Ec, tcp::socket Socket) {
        if (Ec == net::error::operation_aborted || Stopping)
          return;
        if (!Ec)
          std::make_shared<Session>(std::move(Socket), *this)->start();
        accept();
      });
}

void Server::shutDown() {
  // Stop accepting; requests in flight finish (bounded by the longest
  // timeout: the watchdog interrupts any handler past it), then the I/O
  // threads stop, closing idle connections.
  Stopping = true;
  fprintf(stderr, "wasmaot: serve: stopping: %d requests in flight\n",
          InFlight.load());
  beast::error_code Ec;
  Acceptor->close(Ec);
  waitForInFlight(std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(LongestTimeoutMs + 2000));
}

void Server::waitForInFlight(std::chrono::steady_clock::time_point Until) {
  if (InFlight.load() == 0 || std::chrono::steady_clock::now() >= Until) {
    Io.stop();
    return;
  }
  DrainTimer.emplace(Io, std::chrono::milliseconds(20));
  DrainTimer->async_wait(
      [this, Until](beast::error_code) { waitForInFlight(Until); });
}

void Server::reportReadyTimes() {
  std::vector<double> All;
  for (auto &H : Handlers) {
    std::vector<double> T = H->takeReadyTimes();
    All.insert(All.end(), T.begin(), T.end());
  }
  if (All.empty())
    return;
  std::sort(All.begin(), All.end());
  auto At = [&](double Q) { return All[size_t(Q * double(All.size() - 1))]; };
  fprintf(stderr,
          "wasmaot: serve: instance ready (from the pool, reset): median "
          "%.1f us, p99 %.1f us over %zu requests\n",
          At(0.5), At(0.99), All.size());
}

} // namespace

int runServer(const ServeOptions &Opts, const CompileFn &Compile) {
  // A client that goes away must not kill the server with SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  Server S(Opts);
  return S.start(Compile);
}

} // namespace wasmaot::server
