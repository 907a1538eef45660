using System;
using System.Linq;
using DataMux.Demultiplexers;
using DataMux.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public class DemultiplexerTests : SeededTests
{
    private const int Hidden = 16;

    private static Demultiplexer Create(Demux demux, int n) => demux switch
    {
        Demux.IndexEmbedding => new IndexEmbeddingDemultiplexer(new TokenLayout(50, n, 0), Hidden),
        _ => new MlpDemultiplexer(new TokenLayout(50, n, 0), Hidden),
    };

    [Theory]
    [InlineData(Demux.IndexEmbedding, 1)]
    [InlineData(Demux.IndexEmbedding, 3)]
    [InlineData(Demux.IndexEmbedding, 8)]
    [InlineData(Demux.Mlp, 1)]
    [InlineData(Demux.Mlp, 3)]
    [InlineData(Demux.Mlp, 8)]
    public void Shapes_follow_the_contract(Demux variant, int n)
    {
        using var demux = Create(variant, n);
        Assert.Equal(variant == Demux.IndexEmbedding ? n + 1 : 1, demux.PrefixLength);
        const int groups = 2, length = 5;
        using var tokens = torch.randint(0, 50, new long[] { groups * n, length });
        using var prefixed = demux.AddPrefix(tokens);
        Assert.Equal(new long[] { groups * n, demux.PrefixLength + length }, prefixed.shape);
        Assert.True(prefixed.narrow(1, demux.PrefixLength, length).Same(tokens));

        using var hidden = torch.randn(groups, demux.PrefixLength + length, Hidden);
        Assert.Equal(new long[] { groups * n, Hidden }, demux.Sequence(hidden).shape);
        Assert.Equal(new long[] { groups * n, length, Hidden }, demux.Tokens(hidden).shape);
    }

    [Fact]
    public void A_layout_whose_embedding_rows_overflow_an_int_is_refused()
    {
        // EmbeddingRows read -2147483646 for this layout.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TokenLayout(int.MaxValue, 1, 0));

        Assert.Contains("Expected Vocabulary + N + 2 at most 2147483647", error.Message);
        Assert.Equal(int.MaxValue, new TokenLayout(int.MaxValue - 3, 1, 0).EmbeddingRows);
    }

    [Fact]
    public void Index_prefix_holds_own_index_token_filler_and_cls()
    {
        var layout = new TokenLayout(50, 3, 0);
        using var demux = new IndexEmbeddingDemultiplexer(layout, Hidden);
        using var tokens = torch.full(6, 2, 7L, dtype: torch.int64);
        using var prefixed = demux.AddPrefix(tokens);
        for (var row = 0; row < 6; row++)
        {
            var i = row % 3;
            var ids = prefixed[row].data<long>().ToArray();
            for (var slot = 0; slot < 3; slot++) Assert.Equal(slot == i ? layout.Index(i) : layout.Filler, ids[slot]);
            Assert.Equal(layout.Cls, ids[3]);
        }
    }

    [Fact]
    public void Index_demux_equals_mlp_on_explicit_concatenation()
    {
        const int n = 3, length = 4;
        using var demux = new IndexEmbeddingDemultiplexer(new TokenLayout(50, n, 0), Hidden);
        using var hidden = torch.randn(2, n + 1 + length, Hidden);
        var linear = (TorchSharp.Modules.Linear)demux.named_children().Single(c => c.name == "project").module;
        var norm = (TorchSharp.Modules.LayerNorm)demux.named_children().Single(c => c.name == "norm").module;
        Tensor Mlp(Tensor left, Tensor right) => norm.forward(nn.functional.gelu(linear.forward(torch.cat(new[] { left, right }, -1))));

        var tokens = demux.Tokens(hidden);
        var sequence = demux.Sequence(hidden);
        for (var g = 0; g < 2; g++)
        {
            for (var i = 0; i < n; i++)
            {
                var p = hidden[g, i];
                Assert.True(sequence[g * n + i].allclose(Mlp(p, hidden[g, n]), 1e-5, 1e-5));
                for (var t = 0; t < length; t++)
                    Assert.True(tokens[g * n + i, t].allclose(Mlp(p, hidden[g, n + 1 + t]), 1e-5, 1e-5));
            }
        }
    }

    [Fact]
    public void Mlp_demux_equals_per_index_mlps_then_shared_mlp()
    {
        const int n = 3, length = 4;
        using var demux = new MlpDemultiplexer(new TokenLayout(50, n, 0), Hidden);
        using var hidden = torch.randn(2, 1 + length, Hidden);
        var p = demux.named_parameters().ToDictionary(t => t.name, t => t.parameter);
        Tensor Mlp(int i, Tensor h)
        {
            var perIndex = nn.functional.gelu(h.matmul(p["index_weight"][i]) + p["index_bias"][i]);
            var normed = nn.functional.layer_norm(perIndex, new long[] { Hidden }, p["index_norm_weight"][i], p["index_norm_bias"][i]);
            var shared = nn.functional.gelu(nn.functional.linear(normed, p["shared.weight"], p["shared.bias"]));
            return nn.functional.layer_norm(shared, new long[] { Hidden }, p["norm.weight"], p["norm.bias"]);
        }

        var sequence = demux.Sequence(hidden);
        var tokens = demux.Tokens(hidden);
        for (var g = 0; g < 2; g++)
        {
            for (var i = 0; i < n; i++)
            {
                Assert.True(sequence[g * n + i].allclose(Mlp(i, hidden[g, 0]), 1e-5, 1e-5));
                Assert.True(tokens[g * n + i].allclose(Mlp(i, hidden[g].narrow(0, 1, length)), 1e-5, 1e-5));
            }
        }
    }

    [Theory]
    [InlineData(Demux.IndexEmbedding)]
    [InlineData(Demux.Mlp)]
    public void Rejects_rows_not_divisible_by_n_and_bad_hidden(Demux variant)
    {
        using var demux = Create(variant, 4);
        var error = Assert.Throws<ArgumentException>(() => demux.AddPrefix(torch.zeros(6, 3, dtype: torch.int64)));
        Assert.Contains("multiple of N = 4", error.Message);
        var type = Assert.Throws<ArgumentException>(() => demux.AddPrefix(torch.zeros(8, 3)));
        Assert.Contains("expects grouped token ids of dtype Int64 (long), but got Float32", type.Message);
        Assert.Throws<ArgumentException>(() => demux.Sequence(torch.randn(2, demux.PrefixLength, Hidden)));
        Assert.Throws<ArgumentException>(() => demux.Tokens(torch.randn(2, demux.PrefixLength + 2, Hidden + 1)));
    }

    [Fact]
    public void Mlp_demux_outputs_differ_per_index()
    {
        using var demux = new MlpDemultiplexer(new TokenLayout(50, 3, 0), Hidden);
        using var hidden = torch.randn(1, 4, Hidden);
        using var sequence = demux.Sequence(hidden);
        Assert.False(sequence[0].allclose(sequence[1]));
        // The per-index weights are one batched parameter, trained with the rest.
        Assert.Contains("index_weight", demux.state_dict().Keys);
    }
}
