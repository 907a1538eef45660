using System;

namespace DataMux.Datasets;

/// <summary>The content of an IDX images file: <see cref="Count"/> grey-scale images of <see cref="Height"/> x <see cref="Width"/> bytes, row-major.</summary>
public sealed class IdxImages
{
    internal IdxImages(int count, int height, int width, ReadOnlyMemory<byte> pixels)
    {
        Count = count;
        Height = height;
        Width = width;
        Pixels = pixels;
    }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Columns per image.</summary>
    public int Width { get; }

    /// <summary>The pixels, <c>[Count, Height, Width]</c>, 0 (background) to 255.</summary>
    public ReadOnlyMemory<byte> Pixels { get; }
}
