# The installed tree and the Debian package.
#
# `cmake --install build --prefix DIR` gives a relocatable tree: the tool finds
# the runtime archives relative to its own path (bin/../lib/wasmaot/TRIPLE), as
# in the build tree, so DIR may be moved. What else an executable links with
# (glibc's start files, libstdc++.a, libgcc) stays where Debian's packages put
# it, which the package's Depends names.
#
#   DIR/bin/wasmaot
#   DIR/lib/wasmaot/TRIPLE/libwasmaot-{rt,wasi,main}.a   (every target built)
#   DIR/share/man/man1/wasmaot.1
#   DIR/share/bash-completion/completions/wasmaot
#   DIR/share/doc/wasmaot/{README.md,LICENSE,copyright}
# (the runtime archives are installed by wasmaot_runtime_archive()).

install(TARGETS wasmaot RUNTIME DESTINATION bin)
install(FILES ${PROJECT_SOURCE_DIR}/docs/man/wasmaot.1
        DESTINATION share/man/man1)
install(FILES ${PROJECT_SOURCE_DIR}/scripts/completion/wasmaot.bash
        DESTINATION share/bash-completion/completions RENAME wasmaot)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION share/doc/wasmaot)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION share/doc/wasmaot RENAME copyright)
# The shared declarations of `--emit=lib` libraries (every generated NAME.h
# carries embed.h's text too) and the C++ ownership wrapper.
install(FILES ${PROJECT_SOURCE_DIR}/embed/include/wasmaot/embed.h
              ${PROJECT_SOURCE_DIR}/embed/include/wasmaot/embed.hpp
        DESTINATION include/wasmaot)

# `cpack` in the build directory writes wasmaot_VERSION_ARCH.deb. Depends: the
# shared libraries the tool itself uses (found by dpkg-shlibdeps: libLLVM,
# libstdc++, ...), and every package whose files the executables it makes are
# linked with (python3 runs `wasmaot compare`): for each target, that target's glibc, libstdc++ and libgcc
# development packages.
set(WasmaotLinkPackages "")
foreach(Triple ${WASMAOT_TARGET_TRIPLES})
  if(Triple STREQUAL WASMAOT_HOST_TRIPLE)
    list(APPEND WasmaotLinkPackages libc6-dev libstdc++-12-dev libgcc-12-dev)
  elseif(Triple STREQUAL "aarch64-linux-gnu")
    list(APPEND WasmaotLinkPackages libc6-dev-arm64-cross
         libstdc++-12-dev-arm64-cross libgcc-12-dev-arm64-cross)
  elseif(Triple STREQUAL "x86_64-linux-gnu")
    list(APPEND WasmaotLinkPackages libc6-dev-amd64-cross
         libstdc++-12-dev-amd64-cross libgcc-12-dev-amd64-cross)
  endif()
endforeach()
list(JOIN WasmaotLinkPackages ", " WasmaotDepends)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME wasmaot)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "ahead-of-time compiler from WebAssembly to sandboxed native executables")
set(CPACK_PACKAGE_CONTACT "wasmaot developers <wasmaot@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # wasmaot_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${WasmaotDepends}, python3")
# `wasmaot compare --plot` draws with matplotlib; nothing else needs it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3-matplotlib")
include(CPack)
