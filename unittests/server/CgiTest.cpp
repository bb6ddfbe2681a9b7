//===- CgiTest.cpp - CGI variables, argv and the response -----------------===//
#include "server/Cgi.h"

#include <gtest/gtest.h>

#include <map>

using namespace wasmaot::server;

namespace {

std::map<std::string, std::string> asMap(const std::vector<std::string> &Env) {
  std::map<std::string, std::string> M;
  for (const std::string &E : Env) {
    size_t Eq = E.find('=');
    EXPECT_TRUE(M.emplace(E.substr(0, Eq), E.substr(Eq + 1)).second)
        << "a name twice: " << E;
  }
  return M;
}

} // namespace

TEST(CgiTest, EnvironmentOfAWildcardRoute) {
  Route R = parseRoute("/app/...", 0, "_start");
  RequestInfo Req;
  Req.Method = "POST";
  Req.Target = "/app/a%20b/c?x=1&y";
  Req.Protocol = "HTTP/1.1";
  Req.Headers = {{"Host", "example.com"},        {"Content-Type", "text/plain"},
                 {"X-Twice", "first"},           {"x-twice", "second"},
                 {"Authorization", "Basic abc"}, {"Connection", "keep-alive"}};
  Req.Body = "12345";
  Req.RemoteAddr = "10.0.0.1";
  Req.ListenPort = 3000;
  auto Env = asMap(buildCgiEnvironment(R, Req, "ignored.test:1",
                                       {"REQUEST_METHOD=spoofed", "A=1"}));
  EXPECT_EQ(Env["REQUEST_METHOD"], "POST") << "the request wins";
  EXPECT_EQ(Env["A"], "1");
  EXPECT_EQ(Env["SCRIPT_NAME"], "/app");
  EXPECT_EQ(Env["PATH_INFO"], "/a b/c");
  EXPECT_EQ(Env["PATH_TRANSLATED"], "/a b/c");
  EXPECT_EQ(Env["X_RAW_PATH_INFO"], "/a%20b/c");
  EXPECT_EQ(Env["X_MATCHED_ROUTE"], "/app/...");
  EXPECT_EQ(Env["QUERY_STRING"], "x=1&y");
  EXPECT_EQ(Env["SERVER_NAME"], "example.com");
  EXPECT_EQ(Env["SERVER_PORT"], "1") << "default_host's port, no port in Host";
  EXPECT_EQ(Env["X_FULL_URL"], "http://example.com:1/app/a%20b/c?x=1&y");
  EXPECT_EQ(Env["CONTENT_LENGTH"], "5");
  EXPECT_EQ(Env["CONTENT_TYPE"], "text/plain");
  EXPECT_EQ(Env["HTTP_X_TWICE"], "second");
  EXPECT_EQ(Env["HTTP_CONTENT_TYPE"], "text/plain");
  EXPECT_EQ(Env.count("HTTP_AUTHORIZATION"), 0u);
  EXPECT_EQ(Env.count("HTTP_CONNECTION"), 0u);
  EXPECT_EQ(Env["GATEWAY_INTERFACE"], "CGI/1.1");
  EXPECT_EQ(Env["REMOTE_ADDR"], "10.0.0.1");
}

TEST(CgiTest, ServerNameWithoutHostHeader) {
  Route R = parseRoute("/", 0, "_start");
  RequestInfo Req;
  Req.Target = "/";
  Req.ListenPort = 3000;
  auto Env = asMap(buildCgiEnvironment(R, Req, "", {}));
  EXPECT_EQ(Env["SERVER_NAME"], "localhost");
  EXPECT_EQ(Env["SERVER_PORT"], "3000");
  Req.Headers = {{"host", "[::1]:8080"}};
  Env = asMap(buildCgiEnvironment(R, Req, "", {}));
  EXPECT_EQ(Env["SERVER_NAME"], "[::1]");
  EXPECT_EQ(Env["SERVER_PORT"], "8080");
}

TEST(CgiTest, Argv) {
  using V = std::vector<std::string>;
  EXPECT_EQ(buildArgv("${SCRIPT_NAME} ${ARGS}", "/app", "a=1&b=%20"),
            (V{"/app", "a=1", "b=%20"}));
  EXPECT_EQ(buildArgv("${SCRIPT_NAME} ${ARGS}", "/app", ""), (V{"/app"}));
  EXPECT_EQ(
      buildArgv("ruby  x.rb --from=${SCRIPT_NAME} ${ARGS} end", "/s", "q&&r"),
      (V{"ruby", "x.rb", "--from=/s", "q", "", "r", "end"}));
}

TEST(CgiTest, Responses) {
  CgiResponse R;
  std::string Error;
  ASSERT_TRUE(parseCgiResponse(
      "Content-Type: text/html\r\nX-A: 1\r\n\r\n<p>\r\n", R, Error))
      << Error;
  EXPECT_EQ(R.Status, 200u);
  EXPECT_EQ(R.Body, "<p>\r\n");
  ASSERT_EQ(R.Headers.size(), 2u);
  EXPECT_EQ(R.Headers[1].first, "X-A");

  CgiResponse S;
  ASSERT_TRUE(parseCgiResponse("status: 404 Not Found\ncontent-type: a/b\n\n",
                               S, Error));
  EXPECT_EQ(S.Status, 404u);
  EXPECT_EQ(S.Body, "");

  CgiResponse L;
  ASSERT_TRUE(parseCgiResponse("Location: /x\n\n", L, Error));
  EXPECT_EQ(L.Status, 302u);
  CgiResponse L2;
  ASSERT_TRUE(parseCgiResponse("location: /x\nstatus: 301\n\n", L2, Error));
  EXPECT_EQ(L2.Status, 301u);

  struct Bad {
    const char *Output;
    const char *Why;
  } Bads[] = {
      {"content-type: text/plain\n", "no blank line after the headers"},
      {"", "no blank line after the headers"},
      {"not a header\n\n", "malformed header line 'not a header'"},
      {"bad name: x\n\n", "malformed header line 'bad name: x'"},
      {"x-a: 1\n\nbody", "neither content-type nor location in the headers"},
      {"status: 99\ncontent-type: a/b\n\n", "bad status '99'"},
      {"status: 600\ncontent-type: a/b\n\n", "bad status '600'"},
      {"content-type: a\x01"
       "b\n\n",
       "control character in header content-type"},
  };
  for (const Bad &B : Bads) {
    CgiResponse X;
    EXPECT_FALSE(parseCgiResponse(B.Output, X, Error)) << B.Output;
    EXPECT_EQ(Error, B.Why);
  }
}

TEST(CgiTest, PercentDecode) {
  EXPECT_EQ(percentDecode("/a%20b%2Fc%zz%4"), "/a b/c%zz%4");
}
