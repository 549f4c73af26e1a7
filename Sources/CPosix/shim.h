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
#if defined(__linux__)
#include <unistd.h>
#include <sys/syscall.h>
/* The processor the calling thread runs on, or -1. */
static inline int swiftwrap_current_cpu(void) {
    unsigned cpu = 0;
    return syscall(SYS_getcpu, &cpu, (void *)0, (void *)0) == 0 ? (int)cpu : -1;
}
/* The calling thread's allowed processors as 16 words of bits (get: 0 on success; set: 0 on success). */
static inline int swiftwrap_get_affinity(unsigned long *words16) {
    return syscall(SYS_sched_getaffinity, 0, 16 * sizeof(unsigned long), words16) > 0 ? 0 : -1;
}
static inline int swiftwrap_set_affinity(const unsigned long *words16) {
    return (int)syscall(SYS_sched_setaffinity, 0, 16 * sizeof(unsigned long), words16);
}
/* Moves the calling thread off processor `avoid` when it may run on another one, then gives it back
   every processor it had: a thread started to work alongside its creator begins on another
   processor at once instead of waiting for the scheduler to move it. */
static inline void swiftwrap_move_off_cpu(int avoid) {
    unsigned long allowed[16] = {0}, elsewhere[16];
    const long bits = (long)(8 * sizeof(unsigned long));
    if (avoid < 0 || avoid >= 16 * bits) return;
    if (syscall(SYS_sched_getaffinity, 0, sizeof allowed, allowed) <= 0) return;
    int others = 0;
    for (int i = 0; i < 16; i++) {
        elsewhere[i] = allowed[i];
        if (i == avoid / bits) elsewhere[i] &= ~(1UL << (avoid % bits));
        if (elsewhere[i] != 0) others = 1;
    }
    if (!others) return;
    if (syscall(SYS_sched_setaffinity, 0, sizeof elsewhere, elsewhere) == 0) {
        syscall(SYS_sched_setaffinity, 0, sizeof allowed, allowed);
    }
}
#endif
