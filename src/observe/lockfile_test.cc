// The lockfile readers: package-lock.json v1-v3, requirements.txt, go.sum, Cargo.lock,
// poetry.lock, and the TOML subset they share.

#include "observe/lockfile.h"

#include <gtest/gtest.h>

#include "observe/scan.h"

namespace tw::observe {
namespace {

const Dependency* dep(const ObservedSystem& s, const std::string& name) {
  for (const auto& d : s.dependencies)
    if (d.name == name) return &d;
  return nullptr;
}

ObservedSystem read(const std::string& file, const std::string& text) {
  ObservedSystem s;
  EXPECT_FALSE(read_text(file, text, s).empty()) << file;
  s.finish();
  return s;
}

TEST(Toml, TablesArraysAndPositions) {
  TomlDoc d = parse_toml_lite(
      "version = 4\n# note\n[[package]]\nname = \"a\\\"b\"\ndeps = [\n \"x\",\n \"y 1.0\", # c\n]\n"
      "[meta]\n'k v' = {a = 'b'}\n");
  ASSERT_TRUE(d.error.empty()) << d.error;
  ASSERT_EQ(d.tables.size(), 3u);
  EXPECT_EQ(d.tables[0].get("version")->text, "4");
  EXPECT_TRUE(d.tables[1].array);
  EXPECT_EQ(d.tables[1].line, 3u);
  EXPECT_EQ(d.tables[1].get("name")->text, "a\"b");
  EXPECT_EQ(d.tables[1].get("name")->col, 8u);
  EXPECT_EQ(toml_strings(d.tables[1].get("deps")->text), (std::vector<std::string>{"x", "y 1.0"}));
  EXPECT_EQ(d.tables[2].get("k v")->text, "{a = 'b'}");
}

TEST(Toml, ErrorsStopWithAPosition) {
  TomlDoc d = parse_toml_lite("[[package]]\nname = \"a\n");
  EXPECT_EQ(d.error, "unterminated string");
  EXPECT_EQ(d.error_line, 2u);
  TomlDoc e = parse_toml_lite("a = [1, 2\n");
  EXPECT_EQ(e.error, "unterminated array or inline table");
  EXPECT_EQ(e.error_line, 1u);
  EXPECT_EQ(e.error_col, 5u);
  TomlDoc deep = parse_toml_lite("a = " + std::string(1000, '[') + "\n");
  EXPECT_EQ(deep.error, "arrays nested too deeply");
  TomlDoc many = parse_toml_lite("[a]\n[b]\n[c]\n", 2);
  EXPECT_EQ(many.error, "too many tables");
}

TEST(PackageLock, Version3PackagesWithIntegrityAndSources) {
  auto s = read("svc/package-lock.json", R"({"name": "x", "lockfileVersion": 3, "packages": {
  "": {"name": "x"},
  "node_modules/@grpc/grpc-js": {"version": "1.9.0",
    "resolved": "https://registry.npmjs.org/@grpc/grpc-js/-/grpc-js-1.9.0.tgz",
    "integrity": "sha512-abc"},
  "node_modules/a/node_modules/b": {"version": "2.0.0",
    "resolved": "https://npm.example.com/b/-/b-2.0.0.tgz"},
  "node_modules/local": {"resolved": "packages/local", "link": true}
}})");
  ASSERT_EQ(s.lockfiles.size(), 1u);
  const Lockfile& l = s.lockfiles[0];
  EXPECT_EQ(l.format, "package-lock.json v3");
  EXPECT_EQ(l.dir, "svc");
  EXPECT_EQ(l.packages, 2u);
  EXPECT_EQ(l.hashed, 1u);
  EXPECT_EQ(l.pinned, 2u);
  EXPECT_EQ(l.non_registry, 1u);
  const Dependency* g = dep(s, "@grpc/grpc-js");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->version, "1.9.0");
  EXPECT_TRUE(g->integrity);
  EXPECT_EQ(g->registry, "public");
  EXPECT_EQ(g->ecosystem, "npm");
  EXPECT_EQ(g->where.line, 3u);
  EXPECT_EQ(dep(s, "b")->registry, "private");
  EXPECT_EQ(dep(s, "local"), nullptr);
}

TEST(PackageLock, Version1NestedDependencies) {
  auto s = read("package-lock.json", R"({"lockfileVersion": 1, "dependencies": {
  "a": {"version": "1.0.0", "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz",
        "integrity": "sha1-x",
        "dependencies": {"b": {"version": "2.0.0", "resolved": "git+https://example.com/b.git"}}}
}})");
  ASSERT_EQ(s.lockfiles.size(), 1u);
  EXPECT_EQ(s.lockfiles[0].format, "package-lock.json v1");
  EXPECT_EQ(s.lockfiles[0].packages, 2u);
  EXPECT_EQ(s.lockfiles[0].hashed, 1u);
  EXPECT_EQ(dep(s, "b")->registry, "git");
}

TEST(Requirements, PinsHashesIndexesAndContinuations) {
  auto s = read("app/requirements.txt",
                "# pinned\nrequests==2.31.0 \\\n    --hash=sha256:aaaa\nDjango~=4.1.13\n"
                "--extra-index-url https://pkgs.example.com/simple\nZope.Interface===6.0 ; "
                "python_version < \"3.10\"\n-e git+https://example.com/x.git#egg=x\n"
                "foo @ https://example.com/foo.whl\n");
  ASSERT_EQ(s.lockfiles.size(), 1u);
  const Lockfile& l = s.lockfiles[0];
  EXPECT_EQ(l.ecosystem, "pypi");
  EXPECT_EQ(l.packages, 5u);
  EXPECT_EQ(l.pinned, 2u);
  EXPECT_EQ(l.hashed, 1u);
  EXPECT_EQ(l.indexes, (std::vector<std::string>{"https://pkgs.example.com/simple"}));
  const Dependency* r = dep(s, "requests");
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(r->pinned);
  EXPECT_TRUE(r->integrity);
  EXPECT_EQ(r->version, "2.31.0");
  EXPECT_EQ(r->where.line, 2u);
  EXPECT_EQ(r->registry, "public");
  EXPECT_FALSE(dep(s, "django")->pinned);
  EXPECT_EQ(dep(s, "django")->where.line, 4u);
  // After an extra index, a name could come from either: not the public registry alone.
  EXPECT_EQ(dep(s, "zope-interface")->registry, "private");
  EXPECT_EQ(dep(s, "zope-interface")->version, "6.0");
  EXPECT_EQ(dep(s, "foo")->registry, "url");
}

TEST(GoSum, OneEntryPerModuleVersion) {
  auto s = read("gw/go.sum",
                "github.com/a/b v1.2.3 h1:abc=\ngithub.com/a/b v1.2.3/go.mod h1:def=\n"
                "golang.org/x/net v0.1.0/go.mod h1:x=\nnot-a-line\n");
  ASSERT_EQ(s.lockfiles.size(), 1u);
  EXPECT_EQ(s.lockfiles[0].packages, 2u);
  EXPECT_EQ(s.lockfiles[0].hashed, 2u);
  EXPECT_EQ(dep(s, "golang.org/x/net")->version, "v0.1.0");
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].where.str(), "gw/go.sum:4:1");
}

TEST(GoSum, AFileOfJunkIsFourProblemsNotOnePerLine) {
  std::string junk;
  for (int i = 0; i < 1000; ++i) junk += "junk\n";
  ObservedSystem s;
  read_text("go.sum", junk, s);
  ASSERT_EQ(s.problems.size(), 4u);
  EXPECT_EQ(s.problems[3].where.str(), "go.sum:4:1");
  EXPECT_EQ(s.problems[3].message,
            "more lines that are not go.sum lines; the rest of the file was not read");
}

TEST(Requirements, PackagesPastTheBoundAreCountedNotKept) {
  std::string many;
  for (size_t i = 0; i < kMaxPackages + 5; ++i) many += "p" + std::to_string(i) + "==1\n";
  ObservedSystem s;
  read_text("requirements.txt", many, s);
  ASSERT_EQ(s.lockfiles.size(), 1u);
  EXPECT_EQ(s.lockfiles[0].packages, kMaxPackages);
  EXPECT_EQ(s.lockfiles[0].dropped, 5u);
  EXPECT_EQ(s.dependencies.size(), kMaxPackages);
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].message, "more than 100000 packages; the other 5 were not read");
}

TEST(CargoLock, RegistryGitAndWorkspaceCrates) {
  auto s = read(
      "Cargo.lock",
      "version = 4\n\n[[package]]\nname = \"anyhow\"\nversion = \"1.0.0\"\n"
      "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
      "checksum = \"abc\"\n\n[[package]]\nname = \"g\"\nversion = \"0.1.0\"\n"
      "source = \"git+https://example.com/g?rev=1#0123456789012345678901234567890123456789\"\n"
      "\n[[package]]\nname = \"mine\"\nversion = \"0.1.0\"\ndependencies = [\n \"anyhow\",\n]\n");
  ASSERT_EQ(s.lockfiles.size(), 1u);
  const Lockfile& l = s.lockfiles[0];
  EXPECT_EQ(l.format, "Cargo.lock v4");
  EXPECT_EQ(l.packages, 2u);
  EXPECT_EQ(l.hashed, 1u);
  EXPECT_EQ(l.pinned, 2u);
  EXPECT_EQ(dep(s, "anyhow")->where.line, 3u);
  EXPECT_EQ(dep(s, "g")->registry, "git");
  EXPECT_EQ(dep(s, "mine"), nullptr);
}

TEST(CargoLock, Version1ChecksumsInMetadata) {
  auto s = read("Cargo.lock",
                "[[package]]\nname = \"a\"\nversion = \"1.0.0\"\n"
                "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n"
                "[metadata]\n\"checksum a 1.0.0 (registry+https://github.com/rust-lang/"
                "crates.io-index)\" = \"abc\"\n");
  ASSERT_EQ(s.lockfiles.size(), 1u);
  EXPECT_EQ(s.lockfiles[0].format, "Cargo.lock v1");
  EXPECT_EQ(s.lockfiles[0].hashed, 1u);
}

TEST(PoetryLock, FilesHashesAndSources) {
  auto s =
      read("poetry.lock",
           "[[package]]\nname = \"a\"\nversion = \"1.0\"\nfiles = [\n    {file = \"a.tar.gz\", "
           "hash = \"sha256:abc\"},\n]\n\n[[package]]\nname = \"b\"\nversion = \"2.0\"\n"
           "files = []\n\n[package.source]\ntype = \"legacy\"\nurl = "
           "\"https://pkgs.example.com/simple\"\nreference = \"corp\"\n\n[[package]]\n"
           "name = \"c\"\nversion = \"0.1\"\nfiles = []\n\n[package.source]\n"
           "type = \"directory\"\nurl = \"../c\"\n\n[metadata]\nlock-version = \"2.1\"\n");
  ASSERT_EQ(s.lockfiles.size(), 1u);
  const Lockfile& l = s.lockfiles[0];
  EXPECT_EQ(l.format, "poetry.lock 2.1");
  EXPECT_EQ(l.packages, 2u);
  EXPECT_EQ(l.hashed, 1u);
  EXPECT_EQ(l.indexes, (std::vector<std::string>{"https://pkgs.example.com/simple"}));
  EXPECT_EQ(dep(s, "b")->registry, "private");
  EXPECT_EQ(dep(s, "c"), nullptr);
}

TEST(PoetryLock, BrokenFileIsAProblemWithPosition) {
  auto s = read("poetry.lock", "[[package]]\nname = \"a\"\nversion = \"1.0\"\nfiles = [\n");
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].where.str(), "poetry.lock:4:9");
  EXPECT_EQ(s.problems[0].message,
            "unterminated array or inline table (the packages before it were read)");
}

TEST(Lockfiles, ScannedByNameOnly) {
  EXPECT_TRUE(scanned_path("a/requirements-dev.txt"));
  EXPECT_TRUE(scanned_path("go.sum"));
  EXPECT_TRUE(scanned_path("x/Cargo.lock"));
  EXPECT_FALSE(scanned_path("a/requirements.in"));
  EXPECT_FALSE(scanned_path("notes.txt"));
  EXPECT_FALSE(scanned_path("node_modules/a/package-lock.json"));
}

}  // namespace
}  // namespace tw::observe
