// LD_PRELOAD shim that models a page cache for the files under one directory, so that a test can
// look at "the disk as it would be after a power cut": the process writes and reads its files
// normally, and every fsync/fdatasync copies the bytes written since the previous sync into a shadow
// copy of the file. The shadow directory therefore holds exactly what had been made durable; anything
// written but not yet synced is what a power cut loses.
//
//   PL_DATA_DIR    directory whose files are tracked (absolute, no trailing slash)
//   PL_SHADOW_DIR  directory that receives the synced image of each tracked file
//
// Metadata is modelled as durable at once: unlinking a tracked file unlinks its shadow too. Without
// that, the rollback journal SQLite deletes after creating the database would come back "hot" and
// roll the image back to an empty file, which is not what ext4's ordered metadata journal does.
//
// SQLite's unix VFS writes with pwrite64 and syncs with fsync/fdatasync (see the strace in the
// test's header); write/pwrite are covered too so that a differently built SQLite is not missed.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FILES 64

typedef struct {
  char name[NAME_MAX + 1];
  off_t dirty_lo;
  off_t dirty_hi;
} tracked_file;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static tracked_file files[MAX_FILES];
static int file_count;

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_unlink)(const char *);

__attribute__((constructor)) static void init(void) {
  real_write = dlsym(RTLD_NEXT, "write");
  real_pwrite = dlsym(RTLD_NEXT, "pwrite");
  real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
  real_fsync = dlsym(RTLD_NEXT, "fsync");
  real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
  real_unlink = dlsym(RTLD_NEXT, "unlink");
}

/*
 * The tracked file behind fd, or NULL. Called with the lock held. Resolved on every call, never
 * cached per fd number: a close that bypasses libc (libuv can close with a raw syscall) would leave a
 * stale "untracked" entry, and SQLite reusing that fd number for the WAL would escape the model.
 */
static tracked_file *file_of(int fd) {
  const char *dir = getenv("PL_DATA_DIR");
  char link[64], path[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  size_t dir_len = dir ? strlen(dir) : 0;
  if (fd < 0 || !dir || n <= (ssize_t)dir_len + 1) return NULL;
  path[n] = '\0';
  const char *name = path + dir_len + 1;
  if (strncmp(path, dir, dir_len) != 0 || path[dir_len] != '/' || strchr(name, '/')) return NULL;
  int i;
  for (i = 0; i < file_count && strcmp(files[i].name, name) != 0; i++) {
  }
  if (i == file_count) {
    if (file_count == MAX_FILES) return NULL;
    snprintf(files[i].name, sizeof files[i].name, "%s", name);
    files[i].dirty_lo = files[i].dirty_hi = 0;
    file_count++;
  }
  return &files[i];
}

static void mark_dirty(int fd, off_t offset, ssize_t written) {
  if (written <= 0) return;
  pthread_mutex_lock(&lock);
  tracked_file *f = file_of(fd);
  if (f) {
    off_t end = offset + written;
    if (f->dirty_hi == f->dirty_lo) {
      f->dirty_lo = offset;
      f->dirty_hi = end;
    } else {
      if (offset < f->dirty_lo) f->dirty_lo = offset;
      if (end > f->dirty_hi) f->dirty_hi = end;
    }
  }
  pthread_mutex_unlock(&lock);
}

/* Makes the shadow copy of fd's file match the real file over everything written since the last sync. */
static int make_durable(int fd) {
  pthread_mutex_lock(&lock);
  tracked_file *f = file_of(fd);
  int rc = 0;
  if (f) {
    char shadow_path[PATH_MAX];
    snprintf(shadow_path, sizeof shadow_path, "%s/%s", getenv("PL_SHADOW_DIR"), f->name);
    int out = open(shadow_path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    struct stat st;
    if (out < 0 || fstat(fd, &st) != 0 || ftruncate(out, st.st_size) != 0) {
      rc = -1;
    } else {
      char buf[65536];
      off_t hi = f->dirty_hi < st.st_size ? f->dirty_hi : st.st_size;
      for (off_t at = f->dirty_lo; at < hi && rc == 0;) {
        size_t want = (size_t)(hi - at) < sizeof buf ? (size_t)(hi - at) : sizeof buf;
        ssize_t got = pread(fd, buf, want, at);
        if (got <= 0 || real_pwrite(out, buf, (size_t)got, at) != got) rc = -1;
        else at += got;
      }
      f->dirty_lo = f->dirty_hi = 0;
    }
    if (out >= 0) close(out);
  }
  pthread_mutex_unlock(&lock);
  if (rc != 0) errno = EIO;
  return rc;
}

ssize_t write(int fd, const void *buf, size_t count) {
  int saved = errno;
  off_t at = lseek(fd, 0, SEEK_CUR); /* fails with ESPIPE on pipes and sockets: not a file, not tracked */
  errno = saved;
  ssize_t n = real_write(fd, buf, count);
  if (at >= 0) mark_dirty(fd, at, n);
  return n;
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
  ssize_t n = real_pwrite(fd, buf, count, offset);
  mark_dirty(fd, offset, n);
  return n;
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset) {
  ssize_t n = real_pwrite64(fd, buf, count, offset);
  mark_dirty(fd, (off_t)offset, n);
  return n;
}

int fsync(int fd) {
  int rc = real_fsync(fd);
  return rc == 0 ? make_durable(fd) : rc;
}

int fdatasync(int fd) {
  int rc = real_fdatasync(fd);
  return rc == 0 ? make_durable(fd) : rc;
}

int unlink(const char *path) {
  int rc = real_unlink(path);
  const char *dir = getenv("PL_DATA_DIR");
  size_t dir_len = dir ? strlen(dir) : 0;
  if (rc == 0 && dir && strncmp(path, dir, dir_len) == 0 && path[dir_len] == '/' && !strchr(path + dir_len + 1, '/')) {
    char shadow_path[PATH_MAX];
    snprintf(shadow_path, sizeof shadow_path, "%s/%s", getenv("PL_SHADOW_DIR"), path + dir_len + 1);
    pthread_mutex_lock(&lock);
    real_unlink(shadow_path);
    for (int i = 0; i < file_count; i++) {
      if (strcmp(files[i].name, path + dir_len + 1) == 0) files[i].dirty_lo = files[i].dirty_hi = 0;
    }
    pthread_mutex_unlock(&lock);
  }
  return rc;
}
