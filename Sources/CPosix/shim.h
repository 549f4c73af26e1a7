/* POSIX extensions that Swift's Glibc module does not expose without _GNU_SOURCE. */
#include <spawn.h>
#if defined(__linux__)
extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *__restrict actions,
                                                const char *__restrict path);
#endif
#include <stddef.h>
/* GNU memmem: declared here because Swift's Glibc module is built without _GNU_SOURCE. */
extern void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);
#if defined(__linux__)
#include <malloc.h>
#endif
