/* POSIX extensions that Swift's Glibc module does not expose without _GNU_SOURCE. */
#include <spawn.h>
#if defined(__linux__)
extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *__restrict actions,
                                                const char *__restrict path);
#endif
