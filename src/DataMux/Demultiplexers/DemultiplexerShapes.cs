using System;
using DataMux.Validation;
using static TorchSharp.torch;

namespace DataMux.Demultiplexers;

/// <summary>Shape checks shared by the demultiplexers, so that both report mistakes with the same wording.</summary>
internal static class DemultiplexerShapes
{
    /// <summary>Checks the retrieval objective's (group, input, position) rows: <c>[K, 3]</c> int64.</summary>
    public static void Pairs(Tensor pairs, string name)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.dim() != 2 || pairs.size(1) != 3 || pairs.dtype != ScalarType.Int64)
            throw new ArgumentException($"{name} expects (group, input, position) rows [K, 3] of int64, but got {pairs.dtype} of shape {TokenChecks.Format(pairs.shape)}.", nameof(pairs));
    }

    /// <summary>Checks <c>[G·N, L]</c> token ids and returns G.</summary>
    public static long Groups(Tensor tokens, int n, string name)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.dim() != 2 || tokens.size(0) == 0 || tokens.size(0) % n != 0)
        {
            throw new ArgumentException(
                $"{name} expects grouped token ids of shape [G·N, L] with a positive multiple of N = {n} rows, " +
                $"but got shape {TokenChecks.Format(tokens.shape)}. Group the rows with MultiplexedBatch.Group first.",
                nameof(tokens));
        }

        // The prefix is int64 ids: concatenated with anything else, libtorch would promote or reject without a word
        // about token ids.
        if (tokens.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"{name} expects grouped token ids of dtype {ScalarType.Int64} (long), but got {tokens.dtype}.", nameof(tokens));
        }

        return tokens.size(0) / n;
    }

    /// <summary>Checks backbone output <c>[G, P+L, d]</c> with L &gt;= 1 and returns L.</summary>
    public static long Content(Tensor hidden, int prefixLength, int width, string name)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        if (hidden.dim() != 3 || hidden.size(1) <= prefixLength || hidden.size(2) != width)
        {
            throw new ArgumentException(
                $"{name} expects backbone output of shape [G, {prefixLength} + L, {width}] with L >= 1, " +
                $"but got shape {TokenChecks.Format(hidden.shape)}.",
                nameof(hidden));
        }

        return hidden.size(1) - prefixLength;
    }

    /// <summary>Checks an image model's backbone output, one state per group: <c>[G, d]</c>.</summary>
    public static void GroupStates(Tensor hidden, int width, string name)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        if (hidden.dim() != 2 || hidden.shape[1] != width)
            throw new ArgumentException($"{name} expects [G, {width}], but got shape {TokenChecks.Format(hidden.shape)}.", nameof(hidden));
    }

    /// <summary>
    /// Checks an input shortcut's rows for <paramref name="groups"/> groups of <paramref name="n"/> inputs, <c>[G·N, L, d]</c>
    /// (tokens) or <c>[G·N, d]</c> (pooled, <paramref name="length"/> null), and views them grouped: <c>[G, N, L, d]</c> or <c>[G, N, d]</c>.
    /// </summary>
    public static Tensor Shortcut(Tensor shortcut, long groups, int n, long? length, int width, string name)
    {
        long[] expected = length is { } l ? [groups * n, l, width] : [groups * n, width];
        if (!shortcut.shape.AsSpan().SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"{name} expects input shortcut rows of shape {TokenChecks.Format(expected)}, but got shape {TokenChecks.Format(shortcut.shape)}.", nameof(shortcut));
        }

        return length is { } t ? shortcut.view(groups, n, t, width) : shortcut.view(groups, n, width);
    }
}
