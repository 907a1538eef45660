using System;

namespace DataMux;

/// <summary>
/// Ids of the special tokens a multiplexed model appends after the user's vocabulary: user ids occupy
/// [0, Vocabulary); then CLS, the shared prefix filler, and one index token εᵢ per multiplexed input.
/// </summary>
public sealed record TokenLayout
{
    /// <summary>Creates the layout for a vocabulary of <paramref name="vocabulary"/> user ids and <paramref name="n"/> inputs.</summary>
    public TokenLayout(int vocabulary, int n, int paddingToken)
    {
        if (vocabulary < 1) throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, "Expected a vocabulary of at least 1 token id.");
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "Expected N >= 1 multiplexed inputs.");
        // The embedding table holds the user ids, CLS, the filler and N index tokens: its row count must be an int.
        if ((long)vocabulary + 2 + n > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(vocabulary), vocabulary, $"Expected Vocabulary + N + 2 at most {int.MaxValue} (the embedding table's rows), but N is {n}.");
        if (paddingToken < 0 || paddingToken >= vocabulary)
            throw new ArgumentOutOfRangeException(nameof(paddingToken), paddingToken, $"Expected a padding token id in [0, {vocabulary}).");
        Vocabulary = vocabulary;
        N = n;
        PaddingToken = paddingToken;
    }

    /// <summary>Number of user token ids.</summary>
    public int Vocabulary { get; }

    /// <summary>Number of multiplexed inputs.</summary>
    public int N { get; }

    /// <summary>The user's padding token id.</summary>
    public int PaddingToken { get; }

    /// <summary>The CLS token (sentence representation slot).</summary>
    public long Cls => Vocabulary;

    /// <summary>The filler token at the prefix slots that belong to other inputs.</summary>
    public long Filler => Vocabulary + 1L;

    /// <summary>The index token εᵢ of input <paramref name="i"/> (0-based).</summary>
    public long Index(int i) => (uint)i < (uint)N
        ? Vocabulary + 2L + i
        : throw new ArgumentOutOfRangeException(nameof(i), i, $"Expected an input index in [0, {N}).");

    /// <summary>Rows of the embedding table: user ids plus every special token.</summary>
    public int EmbeddingRows => Vocabulary + 2 + N;
}
