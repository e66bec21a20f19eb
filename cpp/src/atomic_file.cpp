#include "warta/atomic_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <vector>

namespace warta {

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string basename_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

namespace {

std::string temp_prefix(const std::string& path) { return "." + basename_of(path) + ".tmp-"; }

// The writer's pid from ".<name>.tmp-<pid>-<random>", or 0 when the name is not ours.
pid_t writer_of(const std::string& name, const std::string& prefix) {
  if (name.compare(0, prefix.size(), prefix) != 0) return 0;
  const char* digits = name.c_str() + prefix.size();
  char* end = nullptr;
  const long pid = std::strtol(digits, &end, 10);
  if (end == digits || *end != '-' || pid <= 0) return 0;
  return static_cast<pid_t>(pid);
}

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

void fsync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) throw os_error("cannot open directory " + dir, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0 && err != EINVAL) throw os_error("cannot fsync directory " + dir, err);
}

int create_temporary(const std::string& path, std::string& temp) {
  remove_stale_temporaries(path);
  temp = directory_of(path) + "/" + temp_prefix(path) + std::to_string(::getpid()) + "-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw os_error("cannot create a temporary file in " + directory_of(path), errno);
  struct stat old;
  ::fchmod(fd, ::stat(path.c_str(), &old) == 0 ? (old.st_mode & 07777) : 0644);
  return fd;
}

}  // namespace

std::system_error os_error(const std::string& what, int err) {
  return std::system_error(err, std::generic_category(), what);
}

size_t remove_stale_temporaries(const std::string& path) {
  const std::string dir = directory_of(path), prefix = temp_prefix(path);
  DIR* d = ::opendir(dir.c_str());
  if (!d) return 0;  // the directory's own errors surface when the temporary is created
  std::vector<std::string> stale;
  while (const dirent* e = ::readdir(d)) {
    const pid_t pid = writer_of(e->d_name, prefix);
    if (pid > 0 && pid != ::getpid() && !process_exists(pid)) stale.emplace_back(e->d_name);
  }
  ::closedir(d);
  size_t removed = 0;
  for (const std::string& name : stale) removed += ::unlink((dir + "/" + name).c_str()) == 0;
  return removed;
}

std::string create_temporary_beside(const std::string& path) {
  std::string temp;
  ::close(create_temporary(path, temp));
  return temp;
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) { fd_ = create_temporary(path_, temp_); }

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

void AtomicFile::commit() {
  if (::fsync(fd_) != 0) throw os_error("cannot fsync " + temp_, errno);
  const int closing = fd_;
  fd_ = -1;
  if (::close(closing) != 0) throw os_error("cannot close " + temp_, errno);
  if (::rename(temp_.c_str(), path_.c_str()) != 0) throw os_error("cannot rename " + temp_ + " to " + path_, errno);
  temp_.clear();  // renamed: nothing to remove any more
  fsync_directory(directory_of(path_));
}

}  // namespace warta
