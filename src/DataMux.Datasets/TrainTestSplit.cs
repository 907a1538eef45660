using System;
using System.Collections.Generic;
using System.Linq;

namespace DataMux.Datasets;

/// <summary>A data set divided into a training part and a held-out test part.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Train">Records to train on.</param>
/// <param name="Test">Records held out for evaluation.</param>
public sealed record TrainTestSplit<T>(IReadOnlyList<T> Train, IReadOnlyList<T> Test);

/// <summary>Deterministic train/test splits.</summary>
public static class TrainTestSplit
{
    /// <summary>
    /// Splits <paramref name="items"/> so that every stratum (for example every label, or every source and
    /// label) keeps its share in both parts: each stratum is shuffled with <paramref name="seed"/> and its first
    /// round(count·<paramref name="testFraction"/>) records go to the test part. Both parts are then shuffled
    /// (same seed) so that strata are interleaved. Every record lands in exactly one part; the same inputs and
    /// seed always give the same split.
    /// </summary>
    public static TrainTestSplit<T> Stratified<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> stratum, double testFraction = 0.2, int seed = 42)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(stratum);
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "Expected a test fraction strictly between 0 and 1.");

        var random = new Random(seed);   // seeded System.Random is stable across runs and .NET versions
        var train = new List<T>();
        var test = new List<T>();
        // Strata in order of first appearance, so the split does not depend on how TKey sorts.
        foreach (var group in items.GroupBy(stratum))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var testCount = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            test.AddRange(members.Take(testCount));
            train.AddRange(members.Skip(testCount));
        }

        var trainArray = train.ToArray();
        var testArray = test.ToArray();
        random.Shuffle(trainArray);
        random.Shuffle(testArray);
        return new TrainTestSplit<T>(trainArray, testArray);
    }
}
