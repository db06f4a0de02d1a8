// The one function that reads inputs and the one that writes outputs (review B5-B8).

#include "base/file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tw::base {
namespace {

namespace fs = std::filesystem;

class FileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tw_file_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "model");
    dir_ = fs::canonical(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string put(const std::string& rel, const std::string& text) {
    std::ofstream(dir_ / rel, std::ios::binary) << text;
    return (dir_ / rel).string();
  }
  std::string slurp(const std::string& rel) {
    std::ifstream in(dir_ / rel, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::string p(const std::string& rel) const { return (dir_ / rel).string(); }
  fs::path dir_;
};

TEST_F(FileTest, ReadsRegularFilesWithinTheirFolder) {
  put("model/m.yaml", "threatwright: 1\n");
  auto r = read_file(p("model/m.yaml"), 1 << 20, p("model"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "threatwright: 1\n");
  EXPECT_FALSE(read_file(p("model/m.yaml"), 4).ok());  // over the size limit
  fs::create_symlink("m.yaml", p("model/link.yaml"));  // a link inside the folder is fine
  EXPECT_TRUE(read_file(p("model/link.yaml"), 1 << 20, p("model")).ok());
}

// Review B5: a link out of the folder is refused without naming or echoing the target.
TEST_F(FileTest, RefusesLinksOutOfTheFolderWithoutNamingTheTarget) {
  put("secret", "aws_access_key_id = AKIAEXAMPLE\n");
  fs::create_symlink(p("secret"), p("model/m.yaml"));
  fs::create_symlink("../secret", p("model/rel.yaml"));
  for (const char* name : {"model/m.yaml", "model/rel.yaml"}) {
    auto r = read_file(p(name), 1 << 20, p("model"));
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_NE(r.error().message.find("outside its folder"), std::string::npos);
    EXPECT_EQ(r.error().message.find("secret"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find("AKIA"), std::string::npos);
  }
}

// Review B5/B8: kernel files, devices, FIFOs and directories are refused before any read, and
// a FIFO without a writer never blocks.
TEST_F(FileTest, RefusesEverythingButRegularFilesAndNeverBlocks) {
  ASSERT_EQ(::mkfifo(p("model/fifo").c_str(), 0600), 0);
  fs::create_symlink("/proc/self/environ", p("model/env.yaml"));
  fs::create_symlink("/dev/stdin", p("model/stdin.yaml"));
  fs::create_symlink("/dev/zero", p("model/zero.yaml"));
  auto start = std::chrono::steady_clock::now();
  for (const char* name :
       {"model/fifo", "model/env.yaml", "model/stdin.yaml", "model/zero.yaml", "model"}) {
    auto r = read_file(p(name), 1 << 20);  // even without a folder to stay in
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_TRUE(r.error().message.find("regular file") != std::string::npos ||
                r.error().message.find("directory") != std::string::npos)
        << r.error().message;
  }
  for (const char* path : {"/proc/self/environ", "/proc/self/status", "/sys/kernel/mm"}) {
    EXPECT_FALSE(read_file(path, 1 << 20).ok()) << path;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

// Review B6: the temporary file is unpredictable and created with O_EXCL, so a planted link
// (at the old `PATH.tmp.<pid>` name or any other) is never followed.
TEST_F(FileTest, AtomicWriteIgnoresPlantedTemporaryLinks) {
  put("victim.txt", "precious\n");
  fs::create_symlink(p("victim.txt"), p("report.md.tmp." + std::to_string(::getpid())));
  auto w = write_file(p("report.md"), "# report\n");
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(slurp("victim.txt"), "precious\n");
  EXPECT_EQ(slurp("report.md"), "# report\n");
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(p("report.md"))));
  // No temporary file is left behind, and a regular file keeps its mode.
  fs::permissions(p("report.md"), fs::perms(0640));
  ASSERT_TRUE(write_file(p("report.md"), "v2\n").ok());
  EXPECT_EQ(fs::status(p("report.md")).permissions() & fs::perms::all, fs::perms(0640));
  int entries = 0;
  for (auto& e : fs::directory_iterator(dir_)) entries += e.path().filename().string()[0] == '.';
  EXPECT_EQ(entries, 0);
}

// Review B7: devices, FIFOs and links are written through, like `>`, never replaced.
TEST_F(FileTest, UserNamedOutputsAreWrittenThroughNotReplaced) {
  fs::create_symlink("/dev/null", p("mynull"));
  ASSERT_TRUE(write_file(p("mynull"), "x").ok());
  EXPECT_TRUE(fs::is_symlink(p("mynull")));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  ASSERT_TRUE(write_file("/dev/null", "x").ok());
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  // A link to a file: the link stays and its target gets the content.
  put("target.md", "old\n");
  fs::create_symlink("target.md", p("out.md"));
  ASSERT_TRUE(write_file(p("out.md"), "new\n").ok());
  EXPECT_TRUE(fs::is_symlink(p("out.md")));
  EXPECT_EQ(slurp("target.md"), "new\n");
  // A FIFO with a reader gets the bytes in order.
  ASSERT_EQ(::mkfifo(p("fifo").c_str(), 0600), 0);
  int rd = ::open(p("fifo").c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(rd, 0);
  ASSERT_TRUE(write_file(p("fifo"), "through the pipe").ok());
  char buf[64] = {};
  ssize_t n = ::read(rd, buf, sizeof buf);
  ::close(rd);
  EXPECT_EQ(std::string(buf, n > 0 ? n : 0), "through the pipe");
  EXPECT_TRUE(fs::is_fifo(p("fifo")));
  // A directory gets a message that says so (not "Success").
  fs::create_directories(p("adir"));
  auto d = write_file(p("adir"), "x");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("is a directory"), std::string::npos) << d.error().message;
}

// The evidence file is threatwright's own: a link or device there is refused, not followed.
TEST_F(FileTest, OwnedOutputsRefuseLinksAndDevices) {
  put("victim.txt", "precious\n");
  fs::create_symlink(p("victim.txt"), p("model/m.evidence.json"));
  auto w = write_file(p("model/m.evidence.json"), "{}", WriteMode::Owned);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(slurp("victim.txt"), "precious\n");
  EXPECT_TRUE(fs::is_symlink(p("model/m.evidence.json")));
  ASSERT_TRUE(write_file(p("model/new.evidence.json"), "{}", WriteMode::Owned).ok());
  EXPECT_EQ(slurp("model/new.evidence.json"), "{}");
}

// A document written as it is produced: larger than the write buffer, written whole; a producer
// that fails leaves the old file as it was and no temporary file behind.
TEST_F(FileTest, StreamedWritesAreAtomicToo) {
  put("big.json", "old\n");
  std::string expected;
  for (int i = 0; i < 50000; ++i) expected += "line " + std::to_string(i) + "\n";
  auto ok = write_file(p("big.json"), [&](std::ostream& os) -> Result<bool> {
    for (int i = 0; i < 50000; ++i) os << "line " << i << "\n";
    return true;
  });
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(slurp("big.json"), expected);
  auto bad = write_file(p("big.json"), [&](std::ostream& os) -> Result<bool> {
    os << std::string(200000, 'x');  // past one buffer: already in the temporary file
    return Error{"the diagram could not be laid out"};
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "the diagram could not be laid out");
  EXPECT_EQ(slurp("big.json"), expected);
  int entries = 0;
  for (auto& e : fs::directory_iterator(dir_)) entries += e.path().filename().string()[0] == '.';
  EXPECT_EQ(entries, 0);
  // Through a link, like the string form.
  fs::create_symlink("big.json", p("link.json"));
  ASSERT_TRUE(write_file(p("link.json"), [](std::ostream& os) -> Result<bool> {
                os << "via link\n";
                return true;
              }).ok());
  EXPECT_TRUE(fs::is_symlink(p("link.json")));
  EXPECT_EQ(slurp("big.json"), "via link\n");
}

}  // namespace
}  // namespace tw::base
