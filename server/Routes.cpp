//===- Routes.cpp - Which handler a request path goes to ------------------===//
#include "server/Routes.h"

#include <sstream>

namespace wasmaot::server {

std::string Route::scriptName() const {
  if (!Wildcard)
    return Text;
  return Base.empty() ? "/" : Base;
}

std::string Route::rawPathInfo(std::string_view Path) const {
  if (!Wildcard)
    return "";
  return std::string(Path.substr(Base.size()));
}

bool Route::matches(std::string_view Path) const {
  if (!Wildcard)
    return Path == Base;
  if (Path.substr(0, Base.size()) != Base)
    return false;
  return Path.size() == Base.size() || Path[Base.size()] == '/';
}

Route parseRoute(std::string_view Text, size_t Module, std::string Entrypoint) {
  Route R;
  R.Text = std::string(Text);
  R.Module = Module;
  R.Entrypoint = std::move(Entrypoint);
  constexpr std::string_view Suffix = "/...";
  if (Text.size() >= Suffix.size() &&
      Text.substr(Text.size() - Suffix.size()) == Suffix) {
    R.Wildcard = true;
    R.Base = std::string(Text.substr(0, Text.size() - Suffix.size()));
  } else {
    R.Base = R.Text;
  }
  return R;
}

Route joinRoute(const Route &Parent, std::string_view Sub,
                std::string Entrypoint) {
  std::string Base = Parent.Base;
  while (!Base.empty() && Base.back() == '/')
    Base.pop_back();
  while (!Sub.empty() && Sub.front() == '/')
    Sub.remove_prefix(1);
  return parseRoute(Base + "/" + std::string(Sub), Parent.Module,
                    std::move(Entrypoint));
}

bool parseDynamicRoutes(const Route &Parent, std::string_view Output,
                        std::vector<Route> &Out, std::string &Error) {
  std::istringstream In{std::string(Output)};
  std::string Line;
  for (unsigned No = 1; std::getline(In, Line); ++No) {
    std::istringstream Words(Line);
    std::string Sub, Entry, Extra;
    if (!(Words >> Sub))
      continue; // a blank line
    if (!(Words >> Entry) || (Words >> Extra) || Sub[0] != '/') {
      Error = "_routes line " + std::to_string(No) +
              ": expected '/subpath entrypoint', got '" + Line + "'";
      return false;
    }
    Out.push_back(joinRoute(Parent, Sub, Entry));
  }
  if (Out.empty()) {
    Error = "_routes printed no routes";
    return false;
  }
  return true;
}

bool RouteTable::add(Route R, std::string &Error) {
  for (const Route &Old : Routes)
    if (Old.Text == R.Text) {
      Error = "route " + R.Text + " is defined twice";
      return false;
    }
  Routes.push_back(std::move(R));
  return true;
}

const Route *RouteTable::match(std::string_view Path) const {
  const Route *Best = nullptr;
  for (const Route &R : Routes) {
    if (!R.matches(Path))
      continue;
    if (!R.Wildcard)
      return &R;
    if (!Best || R.Base.size() > Best->Base.size())
      Best = &R;
  }
  return Best;
}

} // namespace wasmaot::server
