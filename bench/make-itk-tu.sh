#!/usr/bin/env bash
# Writes an ITK-scale CastXML translation unit (like ITK's wrapping .cxx files) into $1:
# 15 ITK 5.2 headers (image, reader, writer, 12 filters) instantiated for 7 pixel types x dims 2 and 3,
# each forced with sizeof() as ITK does.
# Needs libinsighttoolkit5-dev (headers in /usr/include/ITK-5.2).
set -euo pipefail
out=${1:?usage: make-itk-tu.sh DIR}
mkdir -p "$out"
itk=/usr/include/ITK-5.2
headers=(itkImage.h itkImageFileReader.h itkImageFileWriter.h itkMedianImageFilter.h itkMeanImageFilter.h
         itkBinaryThresholdImageFilter.h itkCastImageFilter.h itkRescaleIntensityImageFilter.h
         itkDiscreteGaussianImageFilter.h itkGradientMagnitudeImageFilter.h itkThresholdImageFilter.h
         itkShiftScaleImageFilter.h itkInvertIntensityImageFilter.h itkAbsImageFilter.h itkSqrtImageFilter.h)
{
  for h in "${headers[@]}"; do echo "#include \"$h\""; done
  echo "#ifdef ITK_WRAPPING_PARSER"
  echo "namespace _wrapping_ {"
  echo "const char* const group = \"ITKBench\";"
  echo "namespace wrappers {"
  n=0
  : > "$out/.typedefs"
  for t in "float:F" "unsigned char:UC" "short:SS" "double:D" "unsigned short:US" "int:SI" "unsigned int:UI"; do
    ty=${t%%:*}; ab=${t##*:}
    for d in 2 3; do
      echo "typedef itk::Image<$ty,$d> itkImage$ab$d;" | tee -a "$out/.typedefs"
      for h in "${headers[@]:1}"; do
        cls=${h#itk}; cls=${cls%.h}
        case $cls in
          ImageFileReader|ImageFileWriter|ThresholdImageFilter) echo "typedef itk::$cls<itk::Image<$ty,$d> > itk$cls$ab$d;";;
          *) echo "typedef itk::$cls<itk::Image<$ty,$d>, itk::Image<$ty,$d> > itk$cls$ab$d;";;
        esac | tee -a "$out/.typedefs"
        n=$((n+1))
      done
    done
  done
  echo "}"
  # Like ITK's wrap_.cxx.in: sizeof forces each class to be instantiated, so its members reach the XML.
  echo "void force_instantiate() {"
  echo "  using namespace _wrapping_::wrappers;"
  grep -o 'itk[A-Za-z]*[A-Z]*[23];$' "$out/.typedefs" | sed 's/;$//' | while read -r t; do echo "  (void)sizeof($t);"; done
  echo "}"
  echo "}"
  echo "#endif"
} > "$out/itkBench.cxx"
{
  echo "\"-I$itk\""
  echo "-Qunused-arguments"
  echo "-DITK_WRAPPING_PARSER"
  echo "-DITK_MANUAL_INSTANTIATION"
} > "$out/itkBench.castxml.inc"
cat > "$out/stl.cxx" <<'CXX'
#include <vector>
#include <string>
#include <map>
#include <memory>
#include <algorithm>
namespace _wrapping_ { namespace wrappers { typedef std::vector<std::string> StringVector; typedef std::map<std::string, int> StringIntMap; } }
CXX
