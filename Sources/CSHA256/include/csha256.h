/* Streaming SHA-256 (FIPS 180-4): portable C, and the x86-64 SHA extensions when the CPU has them. */
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/* One hash in progress. The fields belong to sha256.c. */
typedef struct {
    uint32_t state[8];   /* H0..H7 */
    uint64_t length;     /* bytes hashed so far */
    uint8_t buffer[64];  /* the start of a block not yet compressed */
    size_t used;         /* bytes in buffer */
    int use_shani;       /* 1: SHA-NI block function, 0: portable C */
} csha256_ctx;

/* Starts a hash with the fastest block function this CPU supports. */
void csha256_init(csha256_ctx *ctx);

/* Starts a hash that uses the portable C block function only (for tests and comparisons). */
void csha256_init_portable(csha256_ctx *ctx);

void csha256_update(csha256_ctx *ctx, const void *data, size_t size);

/* Writes the 32-byte digest. The context must be initialised again before reuse. */
void csha256_final(csha256_ctx *ctx, uint8_t digest[32]);

/* 1 when csha256_init chooses the SHA-NI block function on this CPU, else 0. */
int csha256_accelerated(void);

#endif
