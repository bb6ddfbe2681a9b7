//===- RoutesTest.cpp - Route matching and dynamic routes -----------------===//
#include "server/Routes.h"

#include <gtest/gtest.h>

using namespace wasmaot::server;

namespace {

RouteTable makeTable(std::initializer_list<const char *> Texts) {
  RouteTable T;
  std::string Error;
  size_t I = 0;
  for (const char *Text : Texts)
    EXPECT_TRUE(T.add(parseRoute(Text, I++, "_start"), Error)) << Error;
  return T;
}

std::string matchText(const RouteTable &T, const char *Path) {
  const Route *R = T.match(Path);
  return R ? R->Text : "(none)";
}

} // namespace

TEST(RoutesTest, ExactWinsThenLongestWildcard) {
  // The order in the table does not matter.
  RouteTable T = makeTable({"/...", "/a/...", "/a/b/...", "/a/b", "/x"});
  EXPECT_EQ(matchText(T, "/a/b"), "/a/b");
  EXPECT_EQ(matchText(T, "/a/b/c"), "/a/b/...");
  EXPECT_EQ(matchText(T, "/a/bc"), "/a/...");
  EXPECT_EQ(matchText(T, "/a"), "/a/...");
  EXPECT_EQ(matchText(T, "/ab"), "/...");
  EXPECT_EQ(matchText(T, "/x"), "/x");
  EXPECT_EQ(matchText(T, "/x/"), "/...");
  RouteTable Exact = makeTable({"/x"});
  EXPECT_EQ(matchText(Exact, "/x/y"), "(none)");
  EXPECT_EQ(matchText(Exact, "/"), "(none)");
}

TEST(RoutesTest, ScriptNameAndPathInfo) {
  Route Wild = parseRoute("/app/...", 0, "_start");
  EXPECT_EQ(Wild.scriptName(), "/app");
  EXPECT_EQ(Wild.rawPathInfo("/app"), "");
  EXPECT_EQ(Wild.rawPathInfo("/app/a/b"), "/a/b");
  Route All = parseRoute("/...", 0, "_start");
  EXPECT_EQ(All.scriptName(), "/");
  EXPECT_EQ(All.rawPathInfo("/a"), "/a");
  Route Root = parseRoute("/", 0, "_start");
  EXPECT_EQ(Root.scriptName(), "/");
  EXPECT_EQ(Root.rawPathInfo("/"), "");
}

TEST(RoutesTest, DynamicRoutesJoinTheModuleRoute) {
  std::vector<Route> Out;
  std::string Error;
  Route Parent = parseRoute("/app/...", 3, "_start");
  ASSERT_TRUE(
      parseDynamicRoutes(Parent, "/sub sub\n\n  /w/... wild\n", Out, Error))
      << Error;
  ASSERT_EQ(Out.size(), 2u);
  EXPECT_EQ(Out[0].Text, "/app/sub");
  EXPECT_FALSE(Out[0].Wildcard);
  EXPECT_EQ(Out[0].Entrypoint, "sub");
  EXPECT_EQ(Out[0].Module, 3u);
  EXPECT_EQ(Out[1].Text, "/app/w/...");
  EXPECT_EQ(Out[1].scriptName(), "/app/w");
  EXPECT_EQ(Out[1].rawPathInfo("/app/w/a/b"), "/a/b");
  Out.clear();
  EXPECT_EQ(joinRoute(parseRoute("/", 0, ""), "/hello", "h").Text, "/hello");
  EXPECT_FALSE(parseDynamicRoutes(Parent, "/one two three\n", Out, Error));
  EXPECT_EQ(Error,
            "_routes line 1: expected '/subpath entrypoint', got '/one two "
            "three'");
  EXPECT_FALSE(parseDynamicRoutes(Parent, "\n", Out, Error));
  EXPECT_EQ(Error, "_routes printed no routes");
  EXPECT_FALSE(parseDynamicRoutes(Parent, "nosl ash\n", Out, Error));
}

TEST(RoutesTest, DuplicateRoutesAreRefused) {
  RouteTable T;
  std::string Error;
  EXPECT_TRUE(T.add(parseRoute("/a", 0, "_start"), Error));
  EXPECT_FALSE(T.add(parseRoute("/a", 1, "_start"), Error));
  EXPECT_EQ(Error, "route /a is defined twice");
}
