using System;
using System.Linq;
using Xunit;

namespace DataMux.Datasets.Tests;

public sealed class TrainTestSplitTests
{
    private static readonly (int Id, int Label)[] Items = Enumerable.Range(0, 1000).Select(i => (i, i % 4 == 0 ? 1 : 0)).ToArray();

    [Fact]
    public void Stratified_keeps_every_record_once_and_each_stratum_share()
    {
        var split = TrainTestSplit.Stratified(Items, x => x.Label, testFraction: 0.2, seed: 7);

        Assert.Equal(Items.Select(x => x.Id).Order(), split.Train.Concat(split.Test).Select(x => x.Id).Order());
        Assert.Equal(200, split.Test.Count);
        Assert.Equal(50, split.Test.Count(x => x.Label == 1));   // 250 positives * 0.2
        Assert.Equal(150, split.Test.Count(x => x.Label == 0));   // 750 negatives * 0.2
    }

    [Fact]
    public void Stratified_is_deterministic_for_a_seed_and_differs_between_seeds()
    {
        var first = TrainTestSplit.Stratified(Items, x => x.Label, 0.2, seed: 7);
        var again = TrainTestSplit.Stratified(Items, x => x.Label, 0.2, seed: 7);
        var other = TrainTestSplit.Stratified(Items, x => x.Label, 0.2, seed: 8);

        Assert.Equal(first.Test, again.Test);
        Assert.Equal(first.Train, again.Train);
        Assert.NotEqual(first.Test, other.Test);
    }

    [Fact]
    public void Stratified_gives_the_pinned_split_for_a_seed()
    {
        // SplitMix64 from seed 42 and Fisher-Yates, worked out independently (Python): the split must not move with
        // the .NET version (System.Random's sequence may), or every accuracy measured on it would move too.
        var split = TrainTestSplit.Stratified(Enumerable.Range(0, 10).ToArray(), _ => 0, testFraction: 0.2, seed: 42);

        Assert.Equal(new[] { 8, 5, 6, 3, 4, 7, 2, 1 }, split.Train);
        Assert.Equal(new[] { 0, 9 }, split.Test);
    }

    [Fact]
    public void Stratified_interleaves_strata_instead_of_returning_blocks()
    {
        var split = TrainTestSplit.Stratified(Items, x => x.Label, 0.2, seed: 7);

        // A block layout would put all 600 negatives of the train part first or last.
        Assert.Contains(1, split.Train.Take(100).Select(x => x.Label));
        Assert.Contains(0, split.Train.TakeLast(100).Select(x => x.Label));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Stratified_rejects_a_fraction_outside_0_1(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Stratified(Items, x => x.Label, fraction, 1));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(42)]
    public void Records_kept_together_land_on_one_side_and_every_record_once(int seed)
    {
        // Ids 0-299 each appear once more as id + 1000 (a duplicated sentence): 1,300 records, 1,000 keys.
        var records = Items.Concat(Items.Take(300).Select(x => (x.Id + 1000, x.Label))).ToArray();
        var split = TrainTestSplit.Stratified(records, x => x.Label, 0.2, seed, together: x => x.Item1 % 1000);

        Assert.Equal(records.Select(x => x.Item1).Order(), split.Train.Concat(split.Test).Select(x => x.Item1).Order());
        var trainKeys = split.Train.Select(x => x.Item1 % 1000).ToHashSet();
        Assert.DoesNotContain(split.Test, x => trainKeys.Contains(x.Item1 % 1000));
        Assert.InRange(split.Test.Count, 255, 260);   // 20% of 1,300, short by at most one pair per stratum
    }

    [Fact]
    public void Without_keeping_duplicates_together_a_copy_can_be_tested_on_after_training_on_it()
    {
        // What the option is for: the plain split puts some copies on both sides.
        var records = Items.Concat(Items.Take(300).Select(x => (x.Id + 1000, x.Label))).ToArray();
        var split = TrainTestSplit.Stratified(records, x => x.Label, 0.2, seed: 7);
        var trainKeys = split.Train.Select(x => x.Item1 % 1000).ToHashSet();
        Assert.Contains(split.Test, x => trainKeys.Contains(x.Item1 % 1000));
    }

    [Fact]
    public void A_group_spanning_strata_stays_together_and_counts_in_its_first_records_stratum()
    {
        // Keys Id % 10: each group holds both labels (ids 0, 10, 20, ... mix label 1 and 0).
        var split = TrainTestSplit.Stratified(Items, x => x.Label, 0.2, 7, together: x => x.Id % 10);
        Assert.Equal(Items.Select(x => x.Id).Order(), split.Train.Concat(split.Test).Select(x => x.Id).Order());
        var trainKeys = split.Train.Select(x => x.Id % 10).ToHashSet();
        Assert.DoesNotContain(split.Test, x => trainKeys.Contains(x.Id % 10));
        Assert.NotEmpty(split.Test);
    }

    [Fact]
    public void Records_without_a_key_to_keep_them_together_are_split_one_by_one()
    {
        // A null key put every such record in one bundle, too large for the test share: none was ever held out.
        var items = Enumerable.Range(0, 100).ToArray();

        var split = TrainTestSplit.Stratified(items, _ => 0, testFraction: 0.2, seed: 3, together: i => i % 2 == 0 ? null! : i / 2);

        Assert.Equal(20, split.Test.Count);
        Assert.Contains(split.Test, i => i % 2 == 0);
    }

    [Fact]
    public void An_empty_part_is_an_error()
    {
        var two = Items.Take(2).ToArray();
        var empty = Assert.Throws<ArgumentException>(() => TrainTestSplit.Stratified(two, x => x.Label, 0.2, 7));
        Assert.Contains("give 2 to train and 0 to test", empty.Message);
    }
}
