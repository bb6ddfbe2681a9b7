# The targets wasmaot compiles for, and the runtime archives built for each.
#
# wasmaot links every executable it makes against a runtime (runtime-support/,
# wasi-libhost/) built for the executable's target, plus that target's glibc,
# libstdc++ and libgcc. The host's target is always built; every other target
# of WASMAOT_SUPPORTED_TRIPLES is built too when the C compiler can reach its
# C library (Debian's *-cross packages), since clang is a cross compiler by
# nature. A cross target's archives are compiled with `--target=TRIPLE`; they
# are only archived, never linked here, so no cross linker is needed.
#
# Sets:
#   WASMAOT_HOST_TRIPLE     the triple of the machine that builds wasmaot
#   WASMAOT_TARGET_TRIPLES  the host's first, then the cross targets found
# and provides wasmaot_runtime_archive() for the runtime's folders.

set(WASMAOT_SUPPORTED_TRIPLES x86_64-linux-gnu aarch64-linux-gnu)

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  set(WASMAOT_HOST_TRIPLE x86_64-linux-gnu)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
  set(WASMAOT_HOST_TRIPLE aarch64-linux-gnu)
else()
  message(FATAL_ERROR "wasmaot runs on x86-64 or AArch64 Linux, not on "
                      "'${CMAKE_SYSTEM_PROCESSOR}'")
endif()

# Asks the C compiler where FILE is for TRIPLE; empty when it does not know.
function(wasmaot_find_target_file VAR TRIPLE FILE)
  execute_process(
    COMMAND ${CMAKE_C_COMPILER} --target=${TRIPLE} -print-file-name=${FILE}
    OUTPUT_VARIABLE Path OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE Result ERROR_QUIET)
  if(Result EQUAL 0 AND IS_ABSOLUTE "${Path}" AND EXISTS "${Path}")
    get_filename_component(Path "${Path}" REALPATH)
    set(${VAR} "${Path}" PARENT_SCOPE)
  else()
    set(${VAR} "" PARENT_SCOPE)
  endif()
endfunction()

# WASMAOT_CROSS_TARGETS: "auto" (every supported triple whose C library is
# installed), "none", or a list of triples that must all be buildable.
set(WASMAOT_CROSS_TARGETS auto CACHE STRING
    "Cross targets to build runtimes for: auto, none, or a list of triples")

set(WASMAOT_TARGET_TRIPLES ${WASMAOT_HOST_TRIPLE})
if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang" OR
   NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(STATUS "wasmaot: cross targets need clang; building for "
                 "${WASMAOT_HOST_TRIPLE} only")
elseif(NOT WASMAOT_CROSS_TARGETS STREQUAL "none")
  set(Wanted ${WASMAOT_CROSS_TARGETS})
  if(WASMAOT_CROSS_TARGETS STREQUAL "auto")
    set(Wanted ${WASMAOT_SUPPORTED_TRIPLES})
  endif()
  list(REMOVE_ITEM Wanted ${WASMAOT_HOST_TRIPLE})
  foreach(Triple ${Wanted})
    if(NOT Triple IN_LIST WASMAOT_SUPPORTED_TRIPLES)
      message(FATAL_ERROR "wasmaot: unsupported target '${Triple}'")
    endif()
    wasmaot_find_target_file(Crt1 ${Triple} crt1.o)
    wasmaot_find_target_file(LibStdCxx ${Triple} libstdc++.a)
    if(Crt1 AND LibStdCxx)
      list(APPEND WASMAOT_TARGET_TRIPLES ${Triple})
    elseif(WASMAOT_CROSS_TARGETS STREQUAL "auto")
      message(STATUS "wasmaot: no C library for ${Triple} (Debian's "
                     "*-cross packages); not building its runtime")
    else()
      message(FATAL_ERROR "wasmaot: no C library for ${Triple}")
    endif()
  endforeach()
endif()
message(STATUS "wasmaot: targets ${WASMAOT_TARGET_TRIPLES}")

# The user-mode emulator that runs TRIPLE's executables on this host
# (Debian's qemu-user: qemu-aarch64, qemu-x86_64). Not found, the bare name,
# so that whatever needs it fails saying so rather than being skipped.
function(wasmaot_find_qemu VAR TRIPLE)
  string(REGEX REPLACE "-.*" "" Arch ${TRIPLE})
  find_program(WASMAOT_QEMU_${Arch} qemu-${Arch})
  if(WASMAOT_QEMU_${Arch})
    set(${VAR} ${WASMAOT_QEMU_${Arch}} PARENT_SCOPE)
  else()
    set(${VAR} qemu-${Arch} PARENT_SCOPE)
  endif()
endfunction()

# The name of NAME's archive target for TRIPLE: NAME itself for the host (the
# one the spec runner and unit tests link), NAME.TRIPLE for a cross target.
function(wasmaot_runtime_target VAR NAME TRIPLE)
  if(TRIPLE STREQUAL WASMAOT_HOST_TRIPLE)
    set(${VAR} ${NAME} PARENT_SCOPE)
  else()
    set(${VAR} ${NAME}.${TRIPLE} PARENT_SCOPE)
  endif()
endfunction()

# wasmaot_runtime_archive(NAME SOURCES src... [DEPENDS name...])
# Builds lib/wasmaot/TRIPLE/libNAME.a for every target triple, without exceptions
# (compiled code and signal handlers unwind with siglongjmp, never by
# throwing). DEPENDS names other runtime archives, matched by triple.
function(wasmaot_runtime_archive NAME)
  cmake_parse_arguments(PARSE_ARGV 1 Arg "" "" "SOURCES;DEPENDS")
  foreach(Triple ${WASMAOT_TARGET_TRIPLES})
    wasmaot_runtime_target(Target ${NAME} ${Triple})
    add_library(${Target} STATIC ${Arg_SOURCES})
    target_compile_options(${Target} PRIVATE -fno-exceptions)
    if(NOT Triple STREQUAL WASMAOT_HOST_TRIPLE)
      target_compile_options(${Target} PRIVATE --target=${Triple})
    endif()
    target_include_directories(${Target} PUBLIC
      ${PROJECT_SOURCE_DIR}/runtime-support/include ${PROJECT_SOURCE_DIR})
    foreach(Dep ${Arg_DEPENDS})
      wasmaot_runtime_target(DepTarget ${Dep} ${Triple})
      target_link_libraries(${Target} PUBLIC ${DepTarget})
    endforeach()
    set_target_properties(${Target} PROPERTIES
      OUTPUT_NAME ${NAME}
      ARCHIVE_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/lib/wasmaot/${Triple})
    set_property(GLOBAL APPEND PROPERTY WASMAOT_RUNTIME_ARCHIVES ${Target})
    install(TARGETS ${Target} ARCHIVE DESTINATION lib/wasmaot/${Triple})
  endforeach()
endfunction()
