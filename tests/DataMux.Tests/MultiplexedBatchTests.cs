using System;
using DataMux.Batching;
using DataMux.Testing;
using TorchSharp;
using Xunit;

namespace DataMux.Tests;

public class MultiplexedBatchTests : SeededTests
{
    [Theory]
    [InlineData(37, 10, 4, 3)]
    [InlineData(1, 10, 1, 9)]
    [InlineData(20, 10, 2, 0)]
    [InlineData(5, 1, 5, 0)]
    public void Group_completes_last_group_with_padding_rows(int rows, int n, int groups, int filler)
    {
        using var tokens = torch.randint(1, 9, new long[] { rows, 3 });
        using var original = tokens.clone();
        var batch = MultiplexedBatch.Group(tokens, n, paddingToken: 0);
        Assert.Equal(rows, batch.Rows);
        Assert.Equal(groups, batch.Groups);
        Assert.Equal(filler, batch.FillerRows);
        Assert.Equal(new long[] { groups * n, 3 }, batch.Tokens.shape);
        Assert.True(batch.Tokens.narrow(0, 0, rows).Same(original), "the input rows must come first, unchanged and in order");
        Assert.True(tokens.Same(original), "the input must be left as it was");
        if (filler > 0) Assert.True(batch.Tokens.narrow(0, rows, filler).eq(0).all().item<bool>());
    }

    [Fact]
    public void Ungroup_drops_filler_rows_for_any_rank()
    {
        using var tokens = torch.ones(7, 2, dtype: torch.int64);
        var batch = MultiplexedBatch.Group(tokens, 3, 0);
        using var outputs = torch.arange(9 * 2 * 5).view(9, 2, 5);
        using var ungrouped = batch.Ungroup(outputs);
        Assert.Equal(new long[] { 7, 2, 5 }, ungrouped.shape);
        Assert.True(ungrouped.Same(outputs.narrow(0, 0, 7)));
        Assert.Throws<ArgumentException>(() => batch.Ungroup(torch.zeros(8, 2)));
    }

    [Fact]
    public void PaddingMask_marks_positions_where_every_instance_pads()
    {
        // N = 2, one group; position 2 is padding in both rows, position 1 only in one row.
        using var tokens = torch.tensor(new long[] { 5, 0, 0, 6, 3, 0 }, 2, 3);
        var batch = MultiplexedBatch.Group(tokens, 2, 0);
        using var prefixed = torch.cat(new[] { torch.full(2, 2, 99L, dtype: torch.int64), tokens }, 1); // P = 2
        using var mask = batch.PaddingMask(prefixed);
        Assert.NotNull(mask);
        Assert.Equal(torch.@bool, mask!.dtype);
        Assert.Equal(new[] { false, false, false, false, true }, mask.data<bool>().ToArray());
    }

    [Fact]
    public void PaddingMask_covers_filler_rows_and_is_null_without_padding()
    {
        using var full = torch.full(3, 4, 7L, dtype: torch.int64);
        var batch = MultiplexedBatch.Group(full, 2, 0);              // one real row + one filler row in group 1
        using var prefixed = torch.cat(new[] { torch.full(4, 1, 99L, dtype: torch.int64), batch.Tokens }, 1);
        Assert.Null(batch.PaddingMask(prefixed));                   // group 1 still has a real row everywhere

        using var padded = torch.tensor(new long[] { 7, 0, 7, 0 }, 2, 2);
        var second = MultiplexedBatch.Group(padded, 2, 0);
        using var prefixed2 = torch.cat(new[] { torch.full(2, 1, 99L, dtype: torch.int64), padded }, 1);
        using var mask = second.PaddingMask(prefixed2);
        Assert.Equal(new[] { false, false, true }, mask!.data<bool>().ToArray());
    }

    [Fact]
    public void Group_rejects_bad_input()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiplexedBatch.Group(torch.zeros(2, 2, dtype: torch.int64), 0, 0));
        Assert.Throws<ArgumentException>(() => MultiplexedBatch.Group(torch.zeros(4, dtype: torch.int64), 2, 0));
    }
}
