"""Uses the wrapped part of ITK (package `itkwrap`, examples/itk/CMakeLists.txt): creates a 2-D float
image through New(), gives it a region from an index and a size, allocates it, sets pixels, runs
ShiftScaleImageFilter and ThresholdImageFilter (SetInput / Update / GetOutput) and checks the
output pixels. Run with the package directory (<build>/python) on PYTHONPATH."""
import gc

import itkwrap as itk

# Index, size and region: plain values, with [] on the index and size.
start = itk.Index2()
start.Fill(0)
size = itk.Size2()
size[0] = 4
size[1] = 3
assert (size[0], size[1]) == (4, 3)
try:
    size[2] = 1
    raise AssertionError("Size2 has two elements")
except IndexError:
    pass
region = itk.ImageRegion2(start, size)
assert region.GetNumberOfPixels() == 12

# The image: made by New() (an itk::SmartPointer), its methods and its bases' (ImageBase's SetRegions).
image = itk.ImageF2.New()
image.SetRegions(region)
image.Allocate()
image.FillBuffer(1.0)
corner = itk.Index2()
corner[0] = 3
corner[1] = 2
image.SetPixel(corner, 5.0)
assert image.GetPixel(corner) == 5.0 and image.GetPixel(start) == 1.0
assert image.GetLargestPossibleRegion().GetSize()[0] == 4

# ShiftScale: (pixel + shift) * scale.
shift_scale = itk.ShiftScaleImageFilterIF2IF2.New()
shift_scale.SetInput(image)
shift_scale.SetShift(1.0)
shift_scale.SetScale(2.0)
shift_scale.Update()
scaled = shift_scale.GetOutput()
assert scaled is not None  # a returned pointer may be NULL: the stub says ImageF2 | None
assert scaled.GetPixel(start) == 4.0 and scaled.GetPixel(corner) == 12.0

# Threshold: pixels above 10 become the outside value, the others are kept.
threshold = itk.ThresholdImageFilterIF2.New()
threshold.SetInput(scaled)
threshold.ThresholdAbove(10.0)
threshold.SetOutsideValue(-1.0)
threshold.Update()
result = threshold.GetOutput()
assert result is not None
assert result.GetPixel(start) == 4.0 and result.GetPixel(corner) == -1.0
assert result.GetBufferedRegion().GetNumberOfPixels() == 12

# Each Python object holds one reference: the filters and the input image can go first.
del shift_scale, threshold, image
gc.collect()
assert scaled.GetPixel(corner) == 12.0 and result.GetReferenceCount() == 1



def at(x: int, y: int) -> itk.Index2:
    index = itk.Index2()
    index[0] = x
    index[1] = y
    return index


for y in range(3):
    print(" ".join(f"{result.GetPixel(at(x, y)):5.1f}" for x in range(4)))
print("itk works:", itk.__file__)
