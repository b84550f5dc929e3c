# Joins the widget's parts into one file: cmake -DOUT=FILE -DPARTS="a;b;…" -P concat.cmake.
# Written to a temporary name and renamed, so a server never sees half a file.
set(text "")
foreach(part IN LISTS PARTS)
  file(READ "${part}" content)
  string(APPEND text "${content}")
endforeach()
file(WRITE "${OUT}.tmp" "${text}")
file(RENAME "${OUT}.tmp" "${OUT}")
