# Report tests driven by Node (tests/browser, docs/reports.md): SARIF validated against the
# official 2.1.0 schema, and the HTML report in headless Chromium (playwright-core driving
# Debian's /usr/bin/chromium). Included from tests/CMakeLists.txt.
find_program(TW_NODE node)
find_program(TW_NPM npm)
set(tw_browser_dir ${CMAKE_SOURCE_DIR}/tests/browser)
if(NOT TW_NODE OR NOT TW_NPM)
  message(WARNING "node/npm not found: the report.sarif-schema and report.browser tests are not registered")
else()
  # Installs playwright-core and ajv from the lockfile once (npm registry); later runs reuse them.
  add_test(NAME report.npm-install
    COMMAND bash -c "for p in playwright-core ajv ajv-draft-04 ajv-formats; do test -f node_modules/$p/package.json || exec npm ci --no-audit --no-fund; done"
    WORKING_DIRECTORY ${tw_browser_dir})
  set_tests_properties(report.npm-install PROPERTIES FIXTURES_SETUP tw_report_npm LABELS report)
  # The official schema is one of the samples in ../shared: without it the test is skipped
  # (exit 77), not failed.
  add_test(NAME report.sarif-schema
    COMMAND bash -c "test -f \"$1\" || { echo \"SKIP: $1 is absent (no ../shared beside the repository)\"; exit 77; }; exec \"$2\" --test sarif.test.mjs"
            _ ${CMAKE_SOURCE_DIR}/../shared/schemas/sarif-schema-2.1.0.json ${TW_NODE}
    WORKING_DIRECTORY ${tw_browser_dir})
  set_tests_properties(report.sarif-schema PROPERTIES SKIP_RETURN_CODE 77 LABELS "report;needs-shared")
  add_test(NAME report.browser COMMAND ${TW_NODE} --test html.test.mjs
    WORKING_DIRECTORY ${tw_browser_dir})
  set_tests_properties(report.browser PROPERTIES LABELS report)
  # The workbench: `threatwright serve` on a copy of acme-shop, every view and triage action.
  add_test(NAME report.serve-browser COMMAND ${TW_NODE} --test serve.test.mjs
    WORKING_DIRECTORY ${tw_browser_dir})
  set_tests_properties(report.serve-browser PROPERTIES LABELS report RUN_SERIAL TRUE)
  set_tests_properties(report.sarif-schema report.browser report.serve-browser PROPERTIES
    FIXTURES_REQUIRED tw_report_npm
    TIMEOUT 300
    ENVIRONMENT "TW=$<TARGET_FILE:threatwright>;TW_SOURCE_DIR=${CMAKE_SOURCE_DIR};TW_WORK_DIR=${CMAKE_BINARY_DIR}/report-node;THREATWRIGHT_TODAY=2026-11-26;NO_COLOR=1")
  # Two Chromium instances at once would compete for the 2 cores; keep it alone.
  set_tests_properties(report.browser PROPERTIES RUN_SERIAL TRUE)
endif()
