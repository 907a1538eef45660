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
    /// seed give the same split on every .NET version (the shuffle is the library's own, not <see cref="Random"/>).
    /// </summary>
    /// <param name="items">The records.</param>
    /// <param name="stratum">The key whose share each part keeps.</param>
    /// <param name="testFraction">The share held out, strictly between 0 and 1.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <param name="together">
    /// Optional key of records that must land on the same side, such as a sentence's text: a data set that holds the
    /// same sentence twice would otherwise test on sentences it trained on. Such records must share their stratum.
    /// Whole groups then go to the test part, in shuffled order, while they fit its share of the stratum; a group whose
    /// records fall in several strata counts in the stratum of its first record. A record whose key is null is kept
    /// with no other.
    /// </param>
    /// <exception cref="ArgumentException">When either part would be empty.</exception>
    public static TrainTestSplit<T> Stratified<T, TKey>(
        IReadOnlyList<T> items, Func<T, TKey> stratum, double testFraction = 0.2, int seed = 42, Func<T, object>? together = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(stratum);
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "Expected a test fraction strictly between 0 and 1.");

        var random = new SeededShuffle(seed);   // not System.Random: its sequence for a seed may change between .NET versions
        var train = new List<T>();
        var test = new List<T>();
        // Bundles of records kept together (one record each without a key), each counted in the stratum of its first
        // record; strata in order of first appearance, so the split does not depend on how TKey sorts.
        var bundles = together is null
            ? items.Select(static item => new[] { item })
            : items.GroupBy(item => together(item) ?? new object()).Select(static bundle => bundle.ToArray()); // no key: alone
        foreach (var group in bundles.GroupBy(bundle => stratum(bundle[0])))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            // Whole bundles go to the test part, in shuffled order, while they fit its share of the stratum.
            var testCount = (int)Math.Round(members.Sum(static bundle => bundle.Length) * testFraction, MidpointRounding.AwayFromZero);
            var held = 0;
            foreach (var bundle in members)
            {
                var toTest = held + bundle.Length <= testCount;
                if (toTest) held += bundle.Length;
                (toTest ? test : train).AddRange(bundle);
            }
        }

        if (train.Count == 0 || test.Count == 0)
        {
            throw new ArgumentException(
                $"Expected both parts to hold records, but {items.Count} records at test fraction {testFraction} give {train.Count} to train and {test.Count} to test.",
                nameof(items));
        }

        var trainArray = train.ToArray();
        var testArray = test.ToArray();
        random.Shuffle(trainArray);
        random.Shuffle(testArray);
        return new TrainTestSplit<T>(trainArray, testArray);
    }
}
