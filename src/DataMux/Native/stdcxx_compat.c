/* Compatibility shim for libLibTorchSharp.so on systems whose libstdc++ predates GCC 13.
 *
 * GCC 13's <iostream> makes every translation unit reference std::ios_base_library_init(),
 * versioned GLIBCXX_3.4.32. The function only exists to force the iostream initialiser to be
 * linked; in GCC 12's libstdc++ that initialiser runs unconditionally, so an empty definition
 * is behaviourally identical. See README.md, "Platform note". */
void _ZSt21ios_base_library_initv(void) {}
