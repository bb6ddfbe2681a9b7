//===- Routes.h - Which handler a request path goes to --------------------===//
//
// A route is exact (`/app`) or a wildcard (`/app/...`, matching `/app` and
// everything below `/app/`). Exact routes win over wildcards, and the longest
// wildcard prefix wins (WAGI takes the first match in file order; wasmaot's
// rule does not depend on the order). Dynamic routes, printed by a module's
// `_routes` export, are joined to the module's route.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_SERVER_ROUTES_H
#define WASMAOT_SERVER_ROUTES_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::server {

struct Route {
  std::string Text; // X_MATCHED_ROUTE: "/app/...", "/app/sub"
  std::string Base; // the exact path, or the wildcard's prefix ("/app")
  bool Wildcard = false;
  size_t Module = 0; // index of the module that serves it
  std::string Entrypoint;

  /// SCRIPT_NAME for a request to this route.
  std::string scriptName() const;
  /// X_RAW_PATH_INFO: what the request path has beyond the route (raw).
  std::string rawPathInfo(std::string_view Path) const;
  bool matches(std::string_view Path) const;
};

/// A route as written in modules.toml.
Route parseRoute(std::string_view Text, size_t Module, std::string Entrypoint);

/// A dynamic route: Sub (`/sub` or `/w/...`) under Parent's base.
Route joinRoute(const Route &Parent, std::string_view Sub,
                std::string Entrypoint);

/// The lines a `_routes` export printed (`/subpath entrypoint`, blank lines
/// skipped) as routes under Parent. False with Error naming the line when
/// one is not two words or the output is empty.
bool parseDynamicRoutes(const Route &Parent, std::string_view Output,
                        std::vector<Route> &Out, std::string &Error);

class RouteTable {
public:
  /// False when a route of the same text exists already (Error says so).
  bool add(Route R, std::string &Error);
  /// The route for a raw request path (without the query), or null.
  const Route *match(std::string_view Path) const;
  const std::vector<Route> &routes() const { return Routes; }

private:
  std::vector<Route> Routes;
};

} // namespace wasmaot::server

#endif
