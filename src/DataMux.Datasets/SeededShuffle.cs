using System;

namespace DataMux.Datasets;

/// <summary>
/// A Fisher-Yates shuffle driven by SplitMix64, written out here so that a seed gives the same order on every .NET
/// version: <see cref="Random"/>'s sequence for a seed is not promised across major versions, and a split that moved
/// with the runtime would change every accuracy measured on it.
/// </summary>
internal sealed class SeededShuffle(int seed)
{
    private ulong state = unchecked((ulong)seed);

    /// <summary>Shuffles <paramref name="items"/> in place.</summary>
    public void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = Below(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), by rejection (no modulo bias).</summary>
    private int Below(int bound)
    {
        var limit = ulong.MaxValue - ulong.MaxValue % (ulong)bound;
        ulong value;
        do value = Next();
        while (value >= limit);
        return (int)(value % (ulong)bound);
    }

    // SplitMix64 (Steele, Lea and Flood 2014), the constants of its reference implementation.
    private ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
