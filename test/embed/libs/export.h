/* EXPORT(name): a function the library exports under name when compiled to
 * Wasm; a plain C function when compiled natively (the hosts call both and
 * compare). */
#ifndef EMBED_TEST_EXPORT_H
#define EMBED_TEST_EXPORT_H
#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(#name)))
#define IMPORT(module, name)                                                   \
  __attribute__((import_module(#module), import_name(#name)))
#else
#define EXPORT(name)
#define IMPORT(module, name)
#endif
#endif
