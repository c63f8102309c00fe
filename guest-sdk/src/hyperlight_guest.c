/*
 * The guest runtime: a bump allocator over the linear memory above the heap base, grown with
 * memory.grow, and the canonical-ABI entry points the host relies on. A sandbox is restored to its
 * snapshot between uses, which is what frees memory: the allocator never reuses blocks.
 */
#include "hyperlight_guest.h"

extern unsigned char __heap_base;

#define WASM_PAGE_SIZE 65536u

static uintptr_t heap_top;
static hl_return_area return_area;

static int ensure_capacity(uintptr_t end) {
    uintptr_t limit = __builtin_wasm_memory_size(0) * WASM_PAGE_SIZE;
    if (end <= limit)
        return 1;
    uintptr_t pages = (end - limit + WASM_PAGE_SIZE - 1) / WASM_PAGE_SIZE;
    return __builtin_wasm_memory_grow(0, pages) != (size_t)-1;
}

void *hl_alloc(size_t size, size_t align) {
    if (heap_top == 0)
        heap_top = (uintptr_t)&__heap_base;
    if (align == 0 || (align & (align - 1)) != 0)
        __builtin_trap();
    uintptr_t start = (heap_top + align - 1) & ~(uintptr_t)(align - 1);
    uintptr_t end = start + size;
    if (end < start || !ensure_capacity(end))
        __builtin_trap();
    heap_top = end;
    return (void *)start;
}

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size) {
    void *fresh = hl_alloc(new_size, align);
    if (old_ptr != 0)
        memcpy(fresh, old_ptr, old_size < new_size ? old_size : new_size);
    return fresh;
}

hl_return_area *hl_return(const void *ptr, uint32_t len) {
    return_area.ptr = (uint32_t)(uintptr_t)ptr;
    return_area.len = len;
    return &return_area;
}

void *memcpy(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s)
        return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int value, size_t n) {
    unsigned char *d = dst;
    while (n--)
        *d++ = (unsigned char)value;
    return dst;
}

size_t hl_strlen(const char *s) {
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}
