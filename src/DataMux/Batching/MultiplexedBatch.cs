using System;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Batching;

/// <summary>
/// A batch of rows arranged into multiplexed groups of N: row g·N+i is instance i of group g. When the number of
/// rows is not a multiple of N the last group is completed with filler rows made of padding tokens; their outputs
/// are removed again by <see cref="Ungroup"/>, so nothing the user passed is dropped or reordered. The batch owns no
/// tensor of its own: <see cref="Tokens"/> is the caller's input, or a new tensor in the caller's dispose scope (the
/// generated <c>forward</c> opens one), so use it inside a scope and never dispose it by hand.
/// </summary>
public sealed class MultiplexedBatch
{
    private readonly long paddingToken;

    private MultiplexedBatch(Tensor tokens, int rows, int groups, int n, long paddingToken)
    {
        Tokens = tokens;
        Rows = rows;
        Groups = groups;
        N = n;
        this.paddingToken = paddingToken;
    }

    /// <summary>The grouped token ids, <c>[Groups·N, L]</c> int64 (the input itself when no filler was needed).</summary>
    public Tensor Tokens { get; }

    /// <summary>Number of rows the user passed.</summary>
    public int Rows { get; }

    /// <summary>Number of multiplexed groups G = ceil(Rows / N).</summary>
    public int Groups { get; }

    /// <summary>Inputs per group.</summary>
    public int N { get; }

    /// <summary>Number of filler rows appended to complete the last group.</summary>
    public int FillerRows => Groups * N - Rows;

    /// <summary>
    /// Groups <paramref name="tokens"/> (<c>[rows, L]</c> int64) N rows at a time, appending filler rows of
    /// <paramref name="paddingToken"/> when <c>rows</c> is not a multiple of <paramref name="n"/>.
    /// </summary>
    /// <param name="tokens">Token ids <c>[rows, L]</c>, <c>rows &gt;= 1</c>.</param>
    /// <param name="n">Inputs per group (at least 1).</param>
    /// <param name="paddingToken">The id filler rows are made of.</param>
    public static MultiplexedBatch Group(Tensor tokens, int n, long paddingToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "Expected N >= 1 inputs per group.");
        if (tokens.dim() != 2 || tokens.shape[0] < 1)
        {
            throw new ArgumentException(
                $"Expected token ids of shape [rows, length] with rows >= 1, but got shape {TokenChecks.Format(tokens.shape)}.",
                nameof(tokens));
        }

        var rows = checked((int)tokens.shape[0]);
        var groups = (int)((rows + (long)n - 1) / n);
        var filler = groups * n - rows;
        if (filler == 0) return new MultiplexedBatch(tokens, rows, groups, n, paddingToken);

        using var paddingValue = paddingToken.ToScalar(); // held: see HeldScalars
        using var padding = torch.full(filler, tokens.shape[1], paddingValue, dtype: tokens.dtype, device: tokens.device);
        var grouped = torch.cat(new[] { tokens, padding }, 0);
        return new MultiplexedBatch(grouped, rows, groups, n, paddingToken);
    }

    /// <summary>
    /// The attention padding mask for the multiplexed sequence: <c>[Groups, P+L]</c> bool, true where every instance
    /// of the group holds the padding token (so the mixed representation carries no content there). The first
    /// <c>P = prefixed.size(1) - L</c> positions are the demultiplexer's prefix and are never padding. Returns
    /// <see langword="null"/> when no position is padding, so the encoder can skip masking altogether.
    /// </summary>
    /// <param name="prefixed">The prefixed tokens <c>[Groups·N, P+L]</c> from the demultiplexer's <c>AddPrefix</c>.</param>
    public Tensor? PaddingMask(Tensor prefixed)
    {
        var (prefix, length) = PrefixAndLength(prefixed);
        using var scope = torch.NewDisposeScope();
        // Only the content part can be padding; the prefix tokens are special ids by construction.
        var content = prefixed.narrow(1, prefix, length).view(Groups, N, length);
        using var paddingValue = paddingToken.ToScalar(); // held: see HeldScalars
        var allPadding = content.eq(paddingValue).all(1);                       // [G, L]
        if (!allPadding.any().item<bool>()) return null;
        var mask = torch.cat(new[] { torch.zeros(Groups, prefix, dtype: ScalarType.Bool, device: prefixed.device), allPadding }, 1);
        return scope.MoveToOuter(mask);
    }

    /// <summary>
    /// Every instance's own padding: <c>[Groups·N, P+L]</c> bool, true where row g·N+i holds the padding token in its
    /// content (the <c>P</c> prefix positions never are), for parts that attend within each instance (the contextual mux,
    /// as the reference code passes its <c>attention_mask</c>). Returns <see langword="null"/> when no row has padding.
    /// </summary>
    /// <param name="prefixed">The prefixed tokens <c>[Groups·N, P+L]</c> from the demultiplexer's <c>AddPrefix</c>.</param>
    public Tensor? InstancePaddingMask(Tensor prefixed)
    {
        var (prefix, length) = PrefixAndLength(prefixed);
        using var scope = torch.NewDisposeScope();
        using var paddingValue = paddingToken.ToScalar(); // held: see HeldScalars
        var padding = prefixed.narrow(1, prefix, length).eq(paddingValue);   // [G·N, L]
        if (!padding.any().item<bool>()) return null;
        var mask = torch.cat(new[] { torch.zeros(prefixed.shape[0], prefix, dtype: ScalarType.Bool, device: prefixed.device), padding }, 1);
        return scope.MoveToOuter(mask);
    }

    /// <summary>Checks that <paramref name="prefixed"/> is these tokens behind a prefix; returns (P, L).</summary>
    private (long Prefix, long Length) PrefixAndLength(Tensor prefixed)
    {
        ArgumentNullException.ThrowIfNull(prefixed);
        var length = Tokens.shape[1];
        if (prefixed.dim() != 2 || prefixed.shape[0] != Tokens.shape[0] || prefixed.shape[1] < length)
        {
            throw new ArgumentException(
                $"Expected prefixed tokens of shape [{Tokens.shape[0]}, P + {length}], but got shape {TokenChecks.Format(prefixed.shape)}.",
                nameof(prefixed));
        }

        return (prefixed.shape[1] - length, length);
    }

    /// <summary>
    /// Removes the filler rows: <c>[Groups·N, ...]</c> -> <c>[Rows, ...]</c> in input order, for outputs of any rank.
    /// Returns <paramref name="outputs"/> itself when there was no filler.
    /// </summary>
    /// <param name="outputs">Per-row outputs in grouped order.</param>
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
