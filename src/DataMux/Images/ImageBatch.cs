using System;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Images;

/// <summary>
/// Float inputs arranged into multiplexed groups of N, as <see cref="Batching.MultiplexedBatch"/> arranges tokens: row g·N+i
/// is instance i of group g. When the number of rows is not a multiple of N the last group is completed with filler rows
/// of zeros, whose outputs <see cref="Ungroup"/> removes, so nothing the user passed is dropped or reordered.
/// <see cref="Images"/> is the caller's tensor or a new one in the caller's dispose scope: never dispose it by hand.
/// </summary>
public sealed class ImageBatch
{
    private ImageBatch(Tensor images, int rows, int groups, int n)
    {
        Images = images;
        Rows = rows;
        Groups = groups;
        N = n;
    }

    /// <summary>The grouped inputs, <c>[Groups·N, ...]</c> (the input itself when no filler was needed).</summary>
    public Tensor Images { get; }

    /// <summary>Number of rows the user passed.</summary>
    public int Rows { get; }

    /// <summary>Number of multiplexed groups G = ceil(Rows / N).</summary>
    public int Groups { get; }

    /// <summary>Inputs per group.</summary>
    public int N { get; }

    /// <summary>Number of filler rows appended to complete the last group.</summary>
    public int FillerRows => Groups * N - Rows;

    /// <summary>Groups <paramref name="images"/> (<c>[rows, ...]</c>, rows &gt;= 1) N rows at a time, appending zero rows when needed.</summary>
    public static ImageBatch Group(Tensor images, int n)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "Expected N >= 1 inputs per group.");
        if (images.dim() < 2 || images.shape[0] < 1)
        {
            throw new ArgumentException(
                $"Expected inputs of shape [rows, ...] with rows >= 1, but got shape {TokenChecks.Format(images.shape)}.", nameof(images));
        }

        var rows = checked((int)images.shape[0]);
        var groups = (int)((rows + (long)n - 1) / n);
        var filler = groups * n - rows;
        if (filler == 0) return new ImageBatch(images, rows, groups, n);

        var shape = images.shape;
        shape[0] = filler;
        using var zeros = torch.zeros(shape, dtype: images.dtype, device: images.device);
        return new ImageBatch(torch.cat(new[] { images, zeros }, 0), rows, groups, n);
    }

    /// <summary>Removes the filler rows: <c>[Groups·N, ...]</c> -> <c>[Rows, ...]</c> in input order.</summary>
    public Tensor Ungroup(Tensor outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.dim() < 1 || outputs.shape[0] != (long)Groups * N)
        {
            throw new ArgumentException(
                $"Expected outputs with {Groups * N} rows (Groups {Groups} × N {N}) in the first dimension, but got shape {TokenChecks.Format(outputs.shape)}.",
                nameof(outputs));
        }

        return FillerRows == 0 ? outputs : outputs.narrow(0, 0, Rows);
    }
}
