# One place for the compiler warnings every Kavosh target uses.
function(kavosh_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
                                           -Wnull-dereference -Wimplicit-fallthrough)
endfunction()

# Embeds a text file into a generated C++ source as `std::string_view NAME`.
function(kavosh_embed_text out_var symbol file)
  file(READ ${file} contents)
  set(gen ${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cc)
  file(WRITE ${gen}.tmp "// Generated from ${file}; do not edit.\n#include <string_view>\nnamespace kavosh::embedded {\nextern const std::string_view ${symbol};\nconst std::string_view ${symbol} = R\"kavosh_embed(${contents})kavosh_embed\";\n}  // namespace kavosh::embedded\n")
  configure_file(${gen}.tmp ${gen} COPYONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  set(${out_var} ${gen} PARENT_SCOPE)
endfunction()
