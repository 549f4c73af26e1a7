/* See include/curl_shim.h. Written against libcurl's documented ABI (curl_easy_* since 7.x). */
#include "curl_shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* libcurl's option and info numbers (curl.h: type base + number; stable since they were added). */
enum {
    OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_READDATA = 10009, OPT_ERRORBUFFER = 10010,
    OPT_WRITEFUNCTION = 20011, OPT_READFUNCTION = 20012, OPT_USERAGENT = 10018, OPT_HTTPHEADER = 10023,
    OPT_NOPROGRESS = 43, OPT_UPLOAD = 46, OPT_FOLLOWLOCATION = 52, OPT_CAINFO = 10065, OPT_HTTPGET = 80,
    OPT_BUFFERSIZE = 98, OPT_NOSIGNAL = 99, OPT_INFILESIZE_LARGE = 30115, OPT_MAXFILESIZE_LARGE = 30117,
    OPT_TIMEOUT_MS = 155, OPT_CONNECTTIMEOUT_MS = 156, OPT_PROTOCOLS = 181,
    OPT_OPENSOCKETFUNCTION = 20163,
    PROTO_HTTP = 1, PROTO_HTTPS = 2,
    INFO_RESPONSE_CODE = 0x200002,
    GLOBAL_DEFAULT = 3,
    ERROR_SIZE = 256,
    CODE_WRITE_ERROR = 23,
};

typedef void CURL;
struct slist;
typedef size_t (*io_callback)(char *, size_t, size_t, void *);

static struct {
    void *handle;
    int (*global_init)(long);
    CURL *(*easy_init)(void);
    int (*easy_setopt)(CURL *, int, ...);
    int (*easy_perform)(CURL *);
    int (*easy_getinfo)(CURL *, int, ...);
    void (*easy_reset)(CURL *);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(int);
    struct slist *(*slist_append)(struct slist *, const char *);
    void (*slist_free_all)(struct slist *);
} api;

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

#define FIND(field, name)                                                           \
    do {                                                                            \
        *(void **)(&loaded.field) = dlsym(handle, name);                            \
        if (loaded.field == NULL) {                                                 \
            snprintf(error, error_size, "%s has no symbol %s", library, name);      \
            goto fail;                                                              \
        }                                                                           \
    } while (0)

int swc_curl_load(const char *library, char *error, size_t error_size) {
    pthread_mutex_lock(&load_lock);
    if (api.handle != NULL) {
        pthread_mutex_unlock(&load_lock);
        return 0;
    }
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *why = dlerror();
        snprintf(error, error_size, "%s", why ? why : library);
        pthread_mutex_unlock(&load_lock);
        return -1;
    }
    __typeof__(api) loaded = {0};
    loaded.handle = handle;
    FIND(global_init, "curl_global_init");
    FIND(easy_init, "curl_easy_init");
    FIND(easy_setopt, "curl_easy_setopt");
    FIND(easy_perform, "curl_easy_perform");
    FIND(easy_getinfo, "curl_easy_getinfo");
    FIND(easy_reset, "curl_easy_reset");
    FIND(easy_cleanup, "curl_easy_cleanup");
    FIND(easy_strerror, "curl_easy_strerror");
    FIND(slist_append, "curl_slist_append");
    FIND(slist_free_all, "curl_slist_free_all");
    if (loaded.global_init(GLOBAL_DEFAULT) != 0) {
        snprintf(error, error_size, "curl_global_init failed in %s", library);
        goto fail;
    }
    api = loaded;
    pthread_mutex_unlock(&load_lock);
    return 0;
fail:
    dlclose(handle);
    pthread_mutex_unlock(&load_lock);
    return -1;
}

/* With CURLOPT_NOSIGNAL libcurl leaves SIGPIPE alone, and a TLS library writing to a connection the
 * server closed could raise it: castxml-cache must never die of it. SIGPIPE is blocked in the calling
 * thread while libcurl works, one raised meanwhile is discarded, and the old mask is restored. */
typedef struct { sigset_t old; } pipe_guard;

static void block_sigpipe(pipe_guard *guard) {
    sigset_t pipe_set;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &guard->old);
}

static void restore_sigpipe(pipe_guard *guard) {
    sigset_t pending, pipe_set;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    if (!sigismember(&guard->old, SIGPIPE) && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE)) {
        struct timespec zero = {0, 0};
        sigtimedwait(&pipe_set, NULL, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &guard->old, NULL);
}

struct swc_curl_client {
    CURL *easy;
    pthread_mutex_t lock;
};

swc_curl_client *swc_curl_client_new(void) {
    if (api.handle == NULL) return NULL;
    swc_curl_client *client = calloc(1, sizeof *client);
    if (client == NULL) return NULL;
    client->easy = api.easy_init();
    if (client->easy == NULL) {
        free(client);
        return NULL;
    }
    pthread_mutex_init(&client->lock, NULL);
    return client;
}

void swc_curl_client_free(swc_curl_client *client) {
    if (client == NULL) return;
    pipe_guard guard;
    block_sigpipe(&guard);
    api.easy_cleanup(client->easy);
    restore_sigpipe(&guard);
    pthread_mutex_destroy(&client->lock);
    free(client);
}

/* libcurl's struct curl_sockaddr (curl.h; addrlen is an unsigned int since 7.18.0). */
struct open_socket_address { int family, socktype, protocol; unsigned int addrlen; struct sockaddr addr; };
typedef int (*open_socket_callback)(void *, int, struct open_socket_address *);

/* libcurl opens its sockets without close-on-exec: the connection would be inherited by castxml
 * and the compilers castxml-cache starts, and kept open on the server until they exit. */
static int open_socket(void *context, int purpose, struct open_socket_address *address) {
    (void)context;
    (void)purpose;
    return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

struct upload { const unsigned char *data; size_t size, offset; };
struct download { unsigned char *data; size_t size, capacity, limit; int too_large; };

static size_t read_body(char *buffer, size_t size, size_t count, void *context) {
    struct upload *up = context;
    size_t n = size * count, left = up->size - up->offset;
    if (n > left) n = left;
    if (n == 0) return 0;
    memcpy(buffer, up->data + up->offset, n);
    up->offset += n;
    return n;
}

static size_t write_body(char *data, size_t size, size_t count, void *context) {
    struct download *down = context;
    size_t n = size * count;
    if (n > down->limit - down->size) {
        down->too_large = 1;
        return 0; /* libcurl stops with CURLE_WRITE_ERROR */
    }
    if (down->size + n > down->capacity) {
        size_t capacity = down->capacity ? down->capacity : 16384;
        while (capacity < down->size + n) capacity *= 2;
        unsigned char *grown = realloc(down->data, capacity);
        if (grown == NULL) return 0;
        down->data = grown;
        down->capacity = capacity;
    }
    memcpy(down->data + down->size, data, n);
    down->size += n;
    return n;
}

void swc_curl_perform(swc_curl_client *client, const swc_curl_request *request, swc_curl_response *response) {
    memset(response, 0, sizeof *response);
    CURL *easy = client->easy;
    pthread_mutex_lock(&client->lock);
    api.easy_reset(easy); /* keeps the connection cache: keep-alive across requests */

    struct slist *headers = api.slist_append(NULL, "Expect:"); /* no 100-continue round trip */
    char *authorization = NULL;
    if (request->bearer_token != NULL) {
        size_t length = strlen(request->bearer_token) + sizeof "Authorization: Bearer ";
        authorization = malloc(length);
        if (authorization != NULL) {
            snprintf(authorization, length, "Authorization: Bearer %s", request->bearer_token);
            headers = api.slist_append(headers, authorization);
        }
    }
    struct upload up = { request->body, request->body_size, 0 };
    struct download down = { NULL, 0, 0, request->max_body_size, 0 };
    char error[ERROR_SIZE] = "";

    api.easy_setopt(easy, OPT_URL, request->url);
    api.easy_setopt(easy, OPT_PROTOCOLS, (long)(PROTO_HTTP | PROTO_HTTPS));
    api.easy_setopt(easy, OPT_NOSIGNAL, 1L);
    api.easy_setopt(easy, OPT_NOPROGRESS, 1L);
    api.easy_setopt(easy, OPT_BUFFERSIZE, 256L * 1024); /* fewer, larger writes for multi-MB objects */
    api.easy_setopt(easy, OPT_FOLLOWLOCATION, 0L);
    api.easy_setopt(easy, OPT_ERRORBUFFER, error);
    api.easy_setopt(easy, OPT_OPENSOCKETFUNCTION, (open_socket_callback)open_socket);
    api.easy_setopt(easy, OPT_USERAGENT, "castxml-cache");
    api.easy_setopt(easy, OPT_HTTPHEADER, headers);
    api.easy_setopt(easy, OPT_CONNECTTIMEOUT_MS, request->connect_timeout_ms);
    api.easy_setopt(easy, OPT_TIMEOUT_MS, request->total_timeout_ms);
    api.easy_setopt(easy, OPT_MAXFILESIZE_LARGE, (int64_t)request->max_body_size);
    if (request->ca_file != NULL) api.easy_setopt(easy, OPT_CAINFO, request->ca_file);
    api.easy_setopt(easy, OPT_WRITEFUNCTION, (io_callback)write_body);
    api.easy_setopt(easy, OPT_WRITEDATA, &down);
    if (request->is_put) {
        api.easy_setopt(easy, OPT_UPLOAD, 1L);
        api.easy_setopt(easy, OPT_READFUNCTION, (io_callback)read_body);
        api.easy_setopt(easy, OPT_READDATA, &up);
        api.easy_setopt(easy, OPT_INFILESIZE_LARGE, (int64_t)request->body_size);
    } else {
        api.easy_setopt(easy, OPT_HTTPGET, 1L);
    }

    pipe_guard guard;
    block_sigpipe(&guard);
    int code = api.easy_perform(easy);
    restore_sigpipe(&guard);
    response->curl_code = code;
    response->body_too_large = down.too_large;
    if (code == 0) {
        long status = 0;
        api.easy_getinfo(easy, INFO_RESPONSE_CODE, &status);
        response->status = status;
        response->body = down.data;
        response->body_size = down.size;
        down.data = NULL;
    } else {
        snprintf(response->message, sizeof response->message, "%s",
                 error[0] ? error : api.easy_strerror(code));
    }
    /* Nothing of this request may outlive it in the handle (the error buffer is on this stack). */
    api.easy_reset(easy);
    pthread_mutex_unlock(&client->lock);
    free(down.data);
    api.slist_free_all(headers);
    free(authorization);
}

void swc_curl_free(void *pointer) { free(pointer); }
