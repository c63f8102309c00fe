/*
 * Hyperlight guest SDK for C guests compiled to wasm32 with clang (no libc):
 *
 *   clang --target=wasm32 -nostdlib -O2 -I guest-sdk/include \
 *         -Wl,--no-entry -o guest.wasm guest.c guest-sdk/src/hyperlight_guest.c
 *
 * Exports and imports follow the canonical-ABI subset of docs/abi.md: strings and byte sequences
 * travel as (pointer, length) pairs in linear memory; a string/bytes result is returned through a
 * return area, a pointer to {u32 ptr, u32 len}; the host allocates argument memory in the guest
 * through the exported cabi_realloc.
 */
#ifndef HYPERLIGHT_GUEST_H
#define HYPERLIGHT_GUEST_H

#include <stddef.h>
#include <stdint.h>

/* Exports a function under `name` (the name the C# interface method binds to). */
#define HL_EXPORT(name) __attribute__((export_name(#name), visibility("default")))

/* Declares a host function imported from `module` (the C# host interface's module, default "env"). */
#define HL_IMPORT(module, name) __attribute__((import_module(#module), import_name(#name)))

/* A string (UTF-8, not NUL-terminated) or byte sequence in linear memory. */
typedef struct hl_slice {
    const uint8_t *ptr;
    uint32_t len;
} hl_slice;

/* What an export returning a string/bytes hands back: a pointer to this pair. */
typedef struct hl_return_area {
    uint32_t ptr;
    uint32_t len;
} hl_return_area;

/* The canonical-ABI allocator the host calls to place arguments in guest memory. */
void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size);

/* Allocation for guest code; memory is released when the sandbox is restored. */
void *hl_alloc(size_t size, size_t align);

/* Returns `slice` through the single return area (valid until the next call). */
hl_return_area *hl_return(const void *ptr, uint32_t len);

/* The freestanding helpers clang may emit calls to. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int value, size_t n);
size_t hl_strlen(const char *s);

#endif
