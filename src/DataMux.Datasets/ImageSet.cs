using System;
using System.Collections.Generic;
using System.Linq;

namespace DataMux.Datasets;

/// <summary>
/// Labelled images held as one block of pixels <c>[Count, Channels, Height, Width]</c> scaled to [0, 1] and one label
/// per image: the shape a model's input tensor takes, so a consumer turns <see cref="Pixels"/> into a tensor without
/// reordering. Immutable; <see cref="Take"/> and <see cref="Skip"/> share the pixels, the other subsets copy them.
/// </summary>
public sealed class ImageSet
{
    private readonly ReadOnlyMemory<float> pixels;
    private readonly ReadOnlyMemory<long> labels;

    /// <summary>Creates a set from pixels in [0, 1] laid out <c>[labels.Length, channels, height, width]</c> and non-negative labels.</summary>
    /// <exception cref="ArgumentException">The pixel count does not match, a pixel is outside [0, 1] or a label is negative.</exception>
    public ImageSet(float[] pixels, long[] labels, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var perImage = (long)channels * height * width;
        if (pixels.LongLength != labels.LongLength * perImage)
        {
            throw new ArgumentException(
                $"Expected {labels.Length} images x {channels} x {height} x {width} = {labels.LongLength * perImage} pixels (one image per label); got {pixels.Length}.", nameof(pixels));
        }
        for (var i = 0; i < pixels.Length; i++)
        {
            // Written to fail on NaN too.
            if (!(pixels[i] >= 0f && pixels[i] <= 1f))
                throw new ArgumentException($"Expected pixels scaled to [0, 1]; pixel {i} (image {i / perImage}) is {pixels[i]}.", nameof(pixels));
        }
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0) throw new ArgumentException($"Expected non-negative labels; label {i} is {labels[i]}.", nameof(labels));
        }

        this.pixels = pixels;
        this.labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
    }

    // For subsets of a checked set: nothing to check again.
    private ImageSet(ReadOnlyMemory<float> pixels, ReadOnlyMemory<long> labels, int channels, int height, int width)
    {
        this.pixels = pixels;
        this.labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>The number of images (and labels).</summary>
    public int Count => labels.Length;

    /// <summary>Channels per image (1 for grey scale).</summary>
    public int Channels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Values per image: <see cref="Channels"/> x <see cref="Height"/> x <see cref="Width"/>.</summary>
    public int PixelsPerImage => Channels * Height * Width;

    /// <summary>All pixels, <c>[Count, Channels, Height, Width]</c> row-major, each in [0, 1].</summary>
    public ReadOnlyMemory<float> Pixels => pixels;

    /// <summary>One label per image, <c>[Count]</c>.</summary>
    public ReadOnlyMemory<long> Labels => labels;

    /// <summary>The pixels of image <paramref name="index"/>, <c>[Channels, Height, Width]</c>.</summary>
    public ReadOnlyMemory<float> Image(int index)
    {
        CheckIndex(index);
        return pixels.Slice(index * PixelsPerImage, PixelsPerImage);
    }

    /// <summary>The first <paramref name="count"/> images, in order (no copy).</summary>
    public ImageSet Take(int count)
    {
        CheckCount(count);
        return new ImageSet(pixels[..(count * PixelsPerImage)], labels[..count], Channels, Height, Width);
    }

    /// <summary>The images after the first <paramref name="count"/>, in order (no copy).</summary>
    public ImageSet Skip(int count)
    {
        CheckCount(count);
        return new ImageSet(pixels[(count * PixelsPerImage)..], labels[count..], Channels, Height, Width);
    }

    /// <summary>The images at <paramref name="indices"/>, in that order (an index may repeat).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Count).</exception>
    public ImageSet Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var size = PixelsPerImage;
        var selectedPixels = new float[(long)indices.Count * size];
        var selectedLabels = new long[indices.Count];
        var source = pixels.Span;
        var sourceLabels = labels.Span;
        for (var i = 0; i < indices.Count; i++)
        {
            var index = indices[i];
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Expected indices in [0, {Count}); position {i} holds {index}.");
            source.Slice(index * size, size).CopyTo(selectedPixels.AsSpan(i * size, size));
            selectedLabels[i] = sourceLabels[index];
        }
        return new ImageSet(selectedPixels, selectedLabels, Channels, Height, Width);
    }

    /// <summary>
    /// All images in an order fixed by <paramref name="seed"/>: the same seed gives the same order on every machine and
    /// .NET version (<see cref="SeededShuffle"/>).
    /// </summary>
    public ImageSet Shuffle(int seed)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        new SeededShuffle(seed).Shuffle(order);
        return Select(order);
    }

    /// <summary>How many images carry each label 0 .. <paramref name="classCount"/> - 1.</summary>
    /// <exception cref="InvalidOperationException">A label is <paramref name="classCount"/> or more.</exception>
    public int[] CountPerLabel(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var counts = new int[classCount];
        var span = labels.Span;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] >= classCount)
                throw new InvalidOperationException($"Expected labels below {classCount}; label {i} is {span[i]}.");
            counts[span[i]]++;
        }
        return counts;
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected an image index in [0, {Count}).");
    }

    private void CheckCount(int count)
    {
        if ((uint)count > (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Expected a count in [0, {Count}].");
    }
}
