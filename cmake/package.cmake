# What `cmake --install` puts where, and the Debian package:
# `cmake --build build --target package` writes build/threatwright_<version>_<arch>.deb
# (docs/packaging.md). The man page and the shell completions are generated from the built
# binary's own command-line definitions (`threatwright help --all --format json`), so a new
# command or flag shows up in them at the next build.
include(GNUInstallDirs)

set(TW_PACKAGE_MAINTAINER "threatwright developers <maintainers@threatwright.invalid>"
    CACHE STRING "Maintainer field of the Debian package")
set(TW_HOMEPAGE "" CACHE STRING "Homepage of the Debian package and Source of its copyright file")

# The Debian changelog is written by hand for each release; its newest entry must be this
# version, or the package would claim one version and document another.
file(STRINGS ${CMAKE_SOURCE_DIR}/packaging/changelog tw_changelog_head LIMIT_COUNT 1)
if(NOT tw_changelog_head MATCHES "^threatwright \\(${PROJECT_VERSION}\\) ")
  message(FATAL_ERROR "packaging/changelog starts with '${tw_changelog_head}', not version "
                      "${PROJECT_VERSION}: add an entry for this release")
endif()

install(TARGETS threatwright RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

find_package(Python3 COMPONENTS Interpreter)
set(tw_gen ${CMAKE_BINARY_DIR}/cli-docs)
if(Python3_Interpreter_FOUND)
  set(tw_gen_outputs ${tw_gen}/cli.json ${tw_gen}/threatwright.1 ${tw_gen}/threatwright.1.gz
                     ${tw_gen}/threatwright.bash ${tw_gen}/_threatwright ${tw_gen}/threatwright.fish
                     ${tw_gen}/changelog.gz)
  add_custom_command(
    OUTPUT ${tw_gen_outputs}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${tw_gen}
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/gen-cli-docs.py
            --binary $<TARGET_FILE:threatwright> --spec ${tw_gen}/cli.json
            --man ${tw_gen}/threatwright.1 --bash ${tw_gen}/threatwright.bash
            --zsh ${tw_gen}/_threatwright --fish ${tw_gen}/threatwright.fish
            --gzip ${tw_gen}/threatwright.1 ${CMAKE_SOURCE_DIR}/packaging/changelog
            --gzip-dir ${tw_gen}
    DEPENDS threatwright ${CMAKE_SOURCE_DIR}/scripts/gen-cli-docs.py
            ${CMAKE_SOURCE_DIR}/packaging/changelog
    COMMENT "Man page and shell completions from threatwright's command line"
    VERBATIM)
  add_custom_target(tw_cli_docs ALL DEPENDS ${tw_gen_outputs})
  install(FILES ${tw_gen}/threatwright.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${tw_gen}/threatwright.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME threatwright)
  install(FILES ${tw_gen}/_threatwright DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
  install(FILES ${tw_gen}/threatwright.fish
          DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
  install(FILES ${tw_gen}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
else()
  message(WARNING "python3 not found: no man page or shell completions (the package lacks them)")
endif()

if(TW_HOMEPAGE)
  set(TW_COPYRIGHT_SOURCE "Source: ${TW_HOMEPAGE}\n")
else()
  set(TW_COPYRIGHT_SOURCE "")
endif()
configure_file(${CMAKE_SOURCE_DIR}/packaging/copyright.in ${CMAKE_BINARY_DIR}/packaging/copyright
               @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_SOURCE_DIR}/packaging/lintian-overrides
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME threatwright)
install(FILES README.md ARCHITECTURE.md THREAT_MODEL.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(DIRECTORY examples DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The JSON Schemas of the model format, for editors (`# yaml-language-server: $schema=...`;
# docs/model-format.md, "Editor support"): the root file's and an included file's.
install(FILES docs/schema/threatwright.schema.json docs/schema/threatwright-include.schema.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/threatwright)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME threatwright)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "${TW_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TW_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "threat modeling as code\n"
    "threatwright validates threat models written in YAML or JSON (assets,\n"
    "adversaries, data-flow diagram, trust boundaries, controls, accepted\n"
    "risks) with compiler-grade diagnostics, enumerates and rates threats\n"
    "(STRIDE per element and interaction), holds the model to a quality\n"
    "gate, runs control verifications, renders Markdown, HTML, SARIF, CSV,\n"
    "JSON and diagrams, diffs versions for pull-request review and serves\n"
    "the model to AI coding agents over MCP.")
if(TW_HOMEPAGE)
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${TW_HOMEPAGE}")
endif()
# Linked libraries come from dpkg-shlibdeps; Graphviz is loaded only when an SVG diagram is
# drawn (report/svg.cc), so it is named here. git runs `diff --base`.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The version built against, from dpkg (Graphviz's pkg-config file says 2.43.0 where Debian
# ships 2.42.2), without the Debian revision.
execute_process(COMMAND dpkg-query -W -f=\${Version} libgvc6 OUTPUT_VARIABLE tw_gvc_version
                ERROR_QUIET RESULT_VARIABLE tw_gvc_rc)
string(REGEX REPLACE "-[^-]*$" "" tw_gvc_version "${tw_gvc_version}")
if(tw_gvc_rc EQUAL 0 AND tw_gvc_version)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libgvc6 (>= ${tw_gvc_version})")
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libgvc6")
endif()
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS git)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
