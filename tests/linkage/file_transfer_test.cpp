// File operations on folders anyone on the LAN can write: links are never followed, sizes are checked
// on the descriptor before anything is allocated, new files never write through what was planted.

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "linkage/file_transfer.h"
#include "tests/support/temp_dir.h"

using namespace rececon::linkage;
namespace fs = std::filesystem;

namespace {

std::string fileText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

unsigned modeOf(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

struct Folder {
  rececon::test::TempDir dir;
  fs::path share = dir / "共有";
  fs::path secret = dir / "secret.txt";
  Folder() {
    fs::create_directories(share);
    std::ofstream(secret) << "patient register";
  }
};

}  // namespace

TEST_CASE_METHOD(Folder, "A link under a file's name is refused unread, its target never opened", "[transfer]") {
  fs::create_symlink(secret, share / "OQSsiquc01res_x.xml");
  const ReadOutcome r = readBounded(share, "OQSsiquc01res_x.xml", 1024);
  CHECK(r.status == ReadStatus::Refused);
  CHECK(r.refusal == rececon::linkage::DecodeErrorCode::SymbolicLink);
  CHECK(r.snapshot.bytes.empty());
  CHECK(r.reason.find("シンボリックリンク") != std::string::npos);
}

TEST_CASE_METHOD(Folder, "A FIFO or a folder under a file's name is refused without blocking", "[transfer]") {
  REQUIRE(::mkfifo((share / "fifo.xml").c_str(), 0600) == 0);
  fs::create_directory(share / "dir.xml");
  CHECK(readBounded(share, "fifo.xml", 1024).refusal == DecodeErrorCode::NotRegularFile);
  CHECK(readBounded(share, "dir.xml", 1024).refusal == DecodeErrorCode::NotRegularFile);
  const auto entries = listFolder(share);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].type == EntryType::Directory);
  CHECK(entries[1].type == EntryType::Other);
}

TEST_CASE_METHOD(Folder, "A file over the limit is refused by its size alone, however large it claims to be", "[transfer]") {
  std::ofstream(share / "huge.xml").close();
  fs::resize_file(share / "huge.xml", 1ull << 40);  // sparse: 1 TiB claimed, nothing on disk
  const ReadOutcome r = readBounded(share, "huge.xml", 4096);
  CHECK(r.status == ReadStatus::Refused);
  CHECK(r.refusal == DecodeErrorCode::TooLarge);
  CHECK(r.reason.find("1099511627776") != std::string::npos);
  std::ofstream(share / "exact.xml") << std::string(4096, 'x');
  CHECK(readBounded(share, "exact.xml", 4096).status == ReadStatus::Ok);
  std::ofstream(share / "over.xml") << std::string(4097, 'x');
  CHECK(readBounded(share, "over.xml", 4096).status == ReadStatus::Refused);
}

TEST_CASE_METHOD(Folder, "A complete file is read whole with its identity; a missing one is Gone", "[transfer]") {
  std::ofstream(share / "a.xml") << "<XmlMsg/>";
  const ReadOutcome r = readBounded(share, "a.xml", 1024);
  REQUIRE(r.status == ReadStatus::Ok);
  CHECK(r.snapshot.bytes == "<XmlMsg/>");
  CHECK(r.snapshot.name == "a.xml");
  CHECK(r.snapshot.identity.inode != 0);
  CHECK(readBounded(share, "none.xml", 1024).status == ReadStatus::Gone);
}

TEST_CASE_METHOD(Folder, "A new file never writes through a planted link and is private whatever the umask", "[transfer]") {
  fs::create_symlink(secret, share / "report.pdf.tmp");  // where a guesser expects our temporary file
  const mode_t old = ::umask(0);
  writeFileAtomically(share, "report.pdf", "PDF");
  ::umask(old);
  CHECK(fileText(secret) == "patient register");
  CHECK(fileText(share / "report.pdf") == "PDF");
  CHECK(modeOf(share / "report.pdf") == 0600);
  for (const auto& e : fs::directory_iterator(share)) CHECK_FALSE(e.path().filename().string().starts_with(".rececon-"));
}

TEST_CASE_METHOD(Folder, "A request never replaces what is under its name, link or file", "[transfer]") {
  fs::create_symlink(secret, share / "OQSsiquc01req_1.xml");
  CHECK_THROWS_WITH(writeFileAtomically(share, "OQSsiquc01req_1.xml", "<XmlMsg/>", FileAccess::Shared, ExistingFile::Refuse),
                    Catch::Contains("同じ名前のファイルがすでにあります"));
  CHECK(fs::is_symlink(share / "OQSsiquc01req_1.xml"));
  CHECK(fileText(secret) == "patient register");
  std::ofstream(share / "OQSsiquc01req_2.xml") << "theirs";
  CHECK_THROWS_AS(writeFileAtomically(share, "OQSsiquc01req_2.xml", "ours", FileAccess::Shared, ExistingFile::Refuse),
                  TransferError);
  CHECK(fileText(share / "OQSsiquc01req_2.xml") == "theirs");
  CHECK(fs::directory_iterator(share) != fs::directory_iterator());
  for (const auto& e : fs::directory_iterator(share)) CHECK_FALSE(e.path().filename().string().starts_with(".rececon-"));
}

TEST_CASE_METHOD(Folder, "A file read is moved only while it still is the file that was read", "[transfer]") {
  std::ofstream(share / "r.xml") << "first";
  const ReadOutcome r = readBounded(share, "r.xml", 1024);
  REQUIRE(r.status == ReadStatus::Ok);
  fs::remove(share / "r.xml");
  fs::create_symlink(secret, share / "r.xml");  // swapped for a link after reading
  CHECK_THROWS_AS(moveRead(share, r.snapshot, dir / "archive"), TransferError);
  CHECK(fs::is_symlink(share / "r.xml"));
  CHECK_FALSE(removeIfUnchanged(share, r.snapshot));
  CHECK(fileText(secret) == "patient register");
}

TEST_CASE_METHOD(Folder, "On one file system a move renames the file and makes it private", "[transfer]") {
  std::ofstream(share / "m.xml") << "<XmlMsg/>";
  fs::permissions(share / "m.xml", fs::perms::all);
  const ReadOutcome r = readBounded(share, "m.xml", 1024);
  REQUIRE(r.status == ReadStatus::Ok);
  std::ofstream(share / "m.xml.taken").close();
  const fs::path moved = moveRead(share, r.snapshot, share / "archive");
  CHECK(moved == share / "archive" / "m.xml");
  CHECK(modeOf(moved) == 0600);
  CHECK_FALSE(fs::exists(share / "m.xml"));
  std::ofstream(share / "m.xml") << "<XmlMsg>again</XmlMsg>";  // a second file of the same name keeps both
  const ReadOutcome again = readBounded(share, "m.xml", 1024);
  CHECK(moveRead(share, again.snapshot, share / "archive") == share / "archive" / "m.xml.1");
}

TEST_CASE_METHOD(Folder, "Across file systems a move keeps the bytes read, private, and takes the name away", "[transfer]") {
  const fs::path other = "/dev/shm";
  if (!fs::is_directory(other) || fs::status(other).permissions() == fs::perms::none) {
    WARN("no /dev/shm: the cross-file-system move is not exercised here");
    return;
  }
  rececon::test::TempDir local;
  const fs::path source = other / ("rececon-transfer-test-" + std::to_string(::getpid()));
  fs::create_directories(source);
  std::ofstream(source / "face.xml") << "<XmlMsg>card</XmlMsg>";
  const ReadOutcome r = readBounded(source, "face.xml", 1024);
  REQUIRE(r.status == ReadStatus::Ok);
  const fs::path moved = moveRead(source, r.snapshot, local / "archive");
  CHECK(fileText(moved) == "<XmlMsg>card</XmlMsg>");
  CHECK(modeOf(moved) == 0600);
  CHECK(modeOf(local / "archive") == 0700);
  CHECK_FALSE(fs::exists(source / "face.xml"));
  fs::remove_all(source);
}

TEST_CASE_METHOD(Folder, "A folder's writability is probed with a random hidden file that is removed", "[transfer]") {
  CHECK(probeWritable(share).empty());
  CHECK(fs::is_empty(share));
  CHECK_FALSE(probeWritable(dir / "missing").empty());
}
