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
}
