/* Runs a command and appends the user+system CPU time it used, in microseconds, to a file:
 *     cpu-time LOG command [args...]
 * hyperfine 1.15 exports only the mean user/system time of a command; this gives one number per
 * run, so bench/restructure-hit.sh can take medians. getrusage's user+system sum is exact (only the
 * split between the two is sampled). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: cpu-time LOG command [args...]\n"); return 2; }
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 2; }
    if (pid == 0) { execvp(argv[2], argv + 2); perror(argv[2]); _exit(127); }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) { perror("wait4"); return 2; }
    FILE *log = fopen(argv[1], "a");
    if (!log) { perror(argv[1]); return 2; }
    fprintf(log, "%ld\n", (long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
    fclose(log);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
