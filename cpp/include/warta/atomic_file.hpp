// Replacing a file so that a crash, a kill or a full disk never leaves a half-written file
// at its path: write a temporary file beside it, fsync it, rename it over the path, fsync
// the directory. A writer killed mid-write cannot remove its temporary, so temporaries are
// named ".<name>.tmp-<pid>-<random>" and every new writer of the same path first removes
// the temporaries whose writing process no longer exists. (A process id is only checked on
// this machine: do not share one output directory between hosts' writers.)
#pragma once

#include <cstddef>
#include <string>
#include <system_error>

namespace warta {

// The directory of a path ("." when it has none) and its last component.
std::string directory_of(const std::string& path);
std::string basename_of(const std::string& path);

// std::system_error with errno as its code (OSError with errno in Python).
std::system_error os_error(const std::string& what, int err);

class AtomicFile {
 public:
  // Removes stale temporaries of `path`, then creates a new one (mode of the file it will
  // replace, else 0644). Throws std::system_error.
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // not committed: the temporary is removed, `path` is untouched
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  int fd() const { return fd_; }
  const std::string& temp_path() const { return temp_; }
  // fsync, close, rename over the path, fsync the directory.
  void commit();

 private:
  std::string path_, temp_;
  int fd_ = -1;
};

// Removes the temporaries of `path` left by processes that no longer exist; returns how many.
size_t remove_stale_temporaries(const std::string& path);

// A new, empty temporary beside `path` under the same naming (after removing stale ones),
// for writers that write it themselves and rename it into place (python/warta/io.py).
std::string create_temporary_beside(const std::string& path);

}  // namespace warta
