#!/usr/bin/env bash
# Regenerates the committed CastXML fixtures of the Swift unit tests with the real castxml
# (Debian 0.5.1, format 1.3.1), from the test header set in headers/. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/headers"
for sub in Points; do
  castxml --castxml-output=1 --castxml-start _wrapping_ \
    --castxml-cc-gnu '(' g++ -std=c++17 -fno-sized-deallocation ')' \
    -w -c -Ibase -Ifigures -o "../castxml/$sub.xml" "$sub.cxx"
done
# The ITK regression fixture (issue 12: operator[], T& returns, itk::Index's operator sets), from
# Debian's libinsighttoolkit5-dev headers.
castxml --castxml-output=1 --castxml-start _wrapping_ \
  --castxml-cc-gnu '(' g++ -std=c++17 -fno-sized-deallocation ')' \
  -w -c -I/usr/include/ITK-5.2 -o ../castxml/ItkIndex.xml itk/ItkIndex.cxx
# Free functions, constants and free operators (issue 16): the translation unit the CMake module writes
# for Tests/Fixtures/cmake/freefuncs (its using-declarations and operator probes), with its start list.
castxml --castxml-output=1 --castxml-start _wrapping_,vf \
  --castxml-cc-gnu '(' g++ -std=c++17 -fno-sized-deallocation ')' \
  -w -c -I../cmake/freefuncs/include -o ../castxml/FreeFuncs.xml FreeFuncs.cxx
# Twenty wrapped types over three of the CMake fixtures' headers: the two-thread record build (issue 16).
castxml --castxml-output=1 --castxml-start _wrapping_ \
  --castxml-cc-gnu '(' g++ -std=c++17 -fno-sized-deallocation ')' \
  -w -c -I../cmake/docstrings/include -I../cmake/datamembers/include -I../cmake/lifetimes/include \
  -o ../castxml/Split.xml Split.cxx
