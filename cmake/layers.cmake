# tw_test_code(TARGET [UNIT])
#
# Marks an executable as test code. Test code is compiled without optimisation whatever the
# build type: the layers it tests keep the build type's flags (the Release suite still tests
# -O3 code), and the tests themselves, gtest's macros above all, compile about twice as fast.
# UNIT adds the target to `tw_unit_tests`, the one target that builds every unit-labelled test
# (./test's sanitizer build builds only those, beside the fuzz targets).
function(tw_test_code TARGET)
  cmake_parse_arguments(T "UNIT" "" "" ${ARGN})
  target_compile_options(${TARGET} PRIVATE -O0)
  if(TW_FUZZ)
    # The fuzz build runs the unit tests too: libFuzzer's coverage of the test code itself
    # would only slow them (comparison hooks in every gtest assertion and JSON walk).
    target_compile_options(${TARGET} PRIVATE -fno-sanitize=fuzzer-no-link)
  endif()
  if(T_UNIT)
    set_property(GLOBAL APPEND PROPERTY TW_UNIT_TEST_TARGETS ${TARGET})
  endif()
endfunction()

# tw_layer(NAME SOURCES... DEPS ... TESTS ...)
#
# Declares the library tw_<NAME> built from src/<NAME>. Its headers are reachable only as
# "<NAME>/header.h" through a per-layer include root in the build tree, and only by the
# layers that link it: an include of a higher layer's header does not compile.
function(tw_layer NAME)
  cmake_parse_arguments(L "" "" "SOURCES;DEPS;PUBLIC_LIBS;TESTS;TEST_LIBS" ${ARGN})
  set(inc ${CMAKE_BINARY_DIR}/layer-include/${NAME})
  file(MAKE_DIRECTORY ${inc})
  file(CREATE_LINK ${CMAKE_SOURCE_DIR}/src/${NAME} ${inc}/${NAME} SYMBOLIC)
  add_library(tw_${NAME} STATIC ${L_SOURCES})
  target_include_directories(tw_${NAME} PUBLIC ${inc})
  set(deps)
  foreach(d ${L_DEPS})
    list(APPEND deps tw_${d})
  endforeach()
  target_link_libraries(tw_${NAME} PUBLIC ${deps} ${L_PUBLIC_LIBS})
  if(L_TESTS)
    add_executable(tw_${NAME}_test ${L_TESTS})
    target_link_libraries(tw_${NAME}_test PRIVATE tw_${NAME} ${L_TEST_LIBS} GTest::gtest_main)
    tw_test_code(tw_${NAME}_test UNIT)
    target_compile_definitions(tw_${NAME}_test PRIVATE
      TW_SOURCE_DIR="${CMAKE_SOURCE_DIR}" TW_BINARY_DIR="${CMAKE_BINARY_DIR}")
    add_test(NAME unit.${NAME} COMMAND tw_${NAME}_test)
    set_tests_properties(unit.${NAME} PROPERTIES LABELS unit
      ENVIRONMENT "THREATWRIGHT_TODAY=2026-11-26")
  endif()
endfunction()
