# `threatwright export` driven by Node (tests/browser/export.test.mjs, docs/interop.md): every
# example in every format against the format's own schema from ../shared/interop/samples (ajv
# from the lockfile of tests/browser), read back with counts and facts; the TM-BOM round trip.
# Included from tests/CMakeLists.txt after report.cmake (it shares the npm fixture).
if(TW_NODE AND TW_NPM)
  add_test(NAME export.schemas
    COMMAND bash -c "test -d \"$1\" || { echo \"SKIP: $1 is absent (no ../shared beside the repository)\"; exit 77; }; exec \"$2\" --test export.test.mjs"
            _ ${CMAKE_SOURCE_DIR}/../shared/interop/samples ${TW_NODE}
    WORKING_DIRECTORY ${tw_browser_dir})
  set_tests_properties(export.schemas PROPERTIES SKIP_RETURN_CODE 77 LABELS "export;needs-shared"
    FIXTURES_REQUIRED tw_report_npm TIMEOUT 600
    ENVIRONMENT "TW=$<TARGET_FILE:threatwright>;TW_SOURCE_DIR=${CMAKE_SOURCE_DIR};TW_WORK_DIR=${CMAKE_BINARY_DIR}/export-node;THREATWRIGHT_TODAY=2026-11-26;NO_COLOR=1")
endif()
