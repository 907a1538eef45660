using System;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>
/// Mixes the N inputs of every multiplexed group into one representation of the size of a single input:
/// <c>[G·N, L, d]</c> (row g·N+i is input i of group g) -> <c>[G, L, d]</c>.
/// </summary>
public abstract class Multiplexer : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates a multiplexer for <paramref name="n"/> inputs of width <paramref name="hidden"/>.</summary>
    protected Multiplexer(string name, int n, int hidden) : base(name)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, $"{name} expects N >= 1 inputs per group.");
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, $"{name} expects a width Hidden >= 1.");
        N = n;
        Hidden = hidden;
    }

    /// <summary>Inputs per group.</summary>
    public int N { get; }

    /// <summary>Representation width d.</summary>
    public int Hidden { get; }

    /// <summary>
    /// Checks that <paramref name="embedded"/> is <c>[G·N, L, Hidden]</c> (of <paramref name="transform"/>'s dtype and
    /// device when one is given) and views it as <c>[G, N, L, Hidden]</c> (no copy), so that every variant validates and
    /// groups its input the same way.
    /// </summary>
    /// <param name="embedded">The embedded rows, row g·N+i being input i of group g.</param>
    /// <param name="transform">The variant's own transform (vectors, masks, matrices), or null when it has none.</param>
    protected Tensor ViewGroups(Tensor embedded, Tensor? transform = null)
    {
        ArgumentNullException.ThrowIfNull(embedded);
        var shape = embedded.shape;
        if (shape.Length != 3 || shape[2] != Hidden)
        {
            throw new ArgumentException(
                $"{GetName()} expects embedded inputs of shape [G·N, L, {Hidden}], but got shape {TokenChecks.Format(shape)}.",
                nameof(embedded));
        }

        if (shape[0] == 0 || shape[0] % N != 0)
        {
            throw new ArgumentException(
                $"{GetName()} mixes groups of N = {N} inputs, so the number of rows must be a positive multiple of {N}, " +
                $"but got {shape[0]} rows (shape {TokenChecks.Format(shape)}). Group the rows with MultiplexedBatch.Group first.",
                nameof(embedded));
        }

        if (transform is not null && (embedded.dtype != transform.dtype || !Devices.IsOn(embedded, transform.device)))
        {
            throw new ArgumentException(
                $"{GetName()} expects embedded inputs of dtype {transform.dtype} on {transform.device}, like its transforms, " +
                $"but got {embedded.dtype} on {embedded.device}.", nameof(embedded));
        }

        return embedded.view(shape[0] / N, N, shape[1], shape[2]);
    }

    /// <summary>
    /// The Hadamard-style mix shared by the element-wise variants: the mean over i of xᵢ ⊙ wᵢ, for per-index weights
    /// <paramref name="perIndex"/> of shape <c>[N, d]</c>. <c>[G·N, L, d]</c> -> <c>[G, L, d]</c>.
    /// </summary>
    protected Tensor MeanOfElementwiseProducts(Tensor embedded, Tensor perIndex)
    {
        using var grouped = ViewGroups(embedded, perIndex);
        using var weights = perIndex.view(1, N, 1, Hidden);
        using var products = grouped.mul(weights);
        return products.mean(new long[] { 1 });
    }
}
