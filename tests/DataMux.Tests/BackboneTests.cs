using System;
using System.Linq;
using DataMux.Backbones;
using DataMux.Heads;
using DataMux.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public class BackboneTests : SeededTests
{
    [Fact]
    public void Embedding_adds_positions_and_validates_length()
    {
        var layout = new TokenLayout(10, 2, 0);
        using var embedding = new TokenEmbedding(layout, maxPositions: 6, hidden: 8, dropout: 0.0);
        embedding.eval();
        using var ids = torch.tensor(new long[] { 3, 3, 3, layout.Index(1) }, 1, 4);
        using var output = embedding.forward(ids);
        Assert.Equal(new long[] { 1, 4, 8 }, output.shape);
        Assert.False(output[0, 0].allclose(output[0, 1]));   // same token, different positions
        var error = Assert.Throws<ArgumentException>(() => embedding.forward(torch.zeros(2, 7, dtype: torch.int64)));
        Assert.Contains("1 <= positions <= 6", error.Message);
        Assert.Contains("[2, 7]", error.Message);
    }

    [Fact]
    public void Embedding_device_reads_leave_no_tensor_behind_and_the_tables_intact()
    {
        using var embedding = new TokenEmbedding(new TokenLayout(10, 2, 0), maxPositions: 6, hidden: 8, dropout: 0.0);
        embedding.eval();
        using var ids = torch.tensor(new long[] { 3, 4, 5 }, 1, 3);
        using var before = embedding.forward(ids);
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 10; i++) Assert.Equal(DeviceType.CPU, embedding.Device.type);
        // Read once per forward call of a generated model: a handle left to the finalizer each time was a leak.
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        using var after = embedding.forward(ids);
        Assert.True(after.allclose(before, 0, 0), "releasing the handle must not release the table");
    }

    [Fact]
    public void Embedding_rejects_ids_past_its_table_and_non_integer_ids_naming_what_it_takes()
    {
        // 10 user ids + 2 special + N = 2 index ids: 14 rows.
        using var embedding = new TokenEmbedding(new TokenLayout(10, 2, 0), maxPositions: 6, hidden: 8, dropout: 0.0);
        using var past = torch.tensor(new long[] { 3, 14, 5 }, 1, 3);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => embedding.forward(past));
        Assert.Contains("expects token ids in [0, 14)", range.Message);
        Assert.Contains("but got ids from 3 to 14", range.Message);
        using var negative = torch.tensor(new long[] { -1, 2 }, 1, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => embedding.forward(negative));

        using var floats = torch.ones(1, 3);
        var type = Assert.Throws<ArgumentException>(() => embedding.forward(floats));
        Assert.Equal("TokenEmbedding expects integer token ids (int64 or int32), but got Float32. (Parameter 'ids')", type.Message);
        using var ints = torch.tensor(new[] { 13, 0 }, 1, 2);
        using var embedded = embedding.forward(ints);
        Assert.Equal(new long[] { 1, 2, 8 }, embedded.shape);
    }

    [Fact]
    public void Embedding_is_token_plus_position_then_layer_norm()
    {
        using var embedding = new TokenEmbedding(new TokenLayout(10, 2, 0), maxPositions: 6, hidden: 8, dropout: 0.0);
        using var ids = torch.tensor(new long[] { 1, 5, 9, 12, 0, 0, 3, 11 }, 2, 4);
        var p = embedding.named_parameters().ToDictionary(t => t.name, t => t.parameter);
        var expected = nn.functional.layer_norm(p["tokens.weight"].index_select(0, ids.flatten()).view(2, 4, 8) + p["positions.weight"].narrow(0, 0, 4),
            new long[] { 8 }, p["norm.weight"], p["norm.bias"]);
        Assert.True(embedding.forward(ids).allclose(expected, 1e-5, 1e-6));
    }

    [Fact]
    public void Encoder_layer_matches_explicit_attention()
    {
        const int d = 8, heads = 2, length = 5;
        using var layer = new TransformerEncoderLayer(d, heads, 16, 0.0);
        layer.eval();
        using var x = torch.randn(2, length, d);
        using var padding = torch.tensor(new[] { false, false, false, true, true, false, false, false, false, false }, 2, length);
        using var allowed = padding.logical_not().view(2, 1, 1, length);
        using var actual = layer.forward(x, allowed);

        var p = layer.named_parameters().ToDictionary(t => t.name, t => t.parameter);
        var qkv = nn.functional.linear(x, p["qkv.weight"], p["qkv.bias"]).view(2, length, 3, heads, d / heads).permute(2, 0, 3, 1, 4);
        var scores = qkv[0].matmul(qkv[1].transpose(-2, -1)) / Math.Sqrt(d / heads);
        scores = scores.masked_fill(padding.view(2, 1, 1, length), double.NegativeInfinity);
        var attended = scores.softmax(-1).matmul(qkv[2]).transpose(1, 2).reshape(2, length, d);
        var first = nn.functional.layer_norm(x + nn.functional.linear(attended, p["output.weight"], p["output.bias"]), new long[] { d },
            p["attention_norm.weight"], p["attention_norm.bias"]);
        var ffn = nn.functional.linear(nn.functional.gelu(nn.functional.linear(first, p["expand.weight"], p["expand.bias"])), p["contract.weight"], p["contract.bias"]);
        var expected = nn.functional.layer_norm(first + ffn, new long[] { d }, p["feed_forward_norm.weight"], p["feed_forward_norm.bias"]);
        Assert.True(actual.allclose(expected, 1e-4, 1e-5));
    }

    [Fact]
    public void Padded_positions_do_not_influence_the_others()
    {
        using var encoder = new TransformerEncoder(2, 16, 4, 32, 0.1);
        encoder.eval();
        using var x = torch.randn(1, 6, 16);
        using var mask = torch.tensor(new[] { false, false, false, false, true, true }, 1, 6);
        using var changed = x.clone();
        changed[0, 4] = torch.randn(16);
        changed[0, 5] = torch.randn(16);
        using var a = encoder.forward(x, mask);
        using var b = encoder.forward(changed, mask);
        Assert.True(a.narrow(1, 0, 4).allclose(b.narrow(1, 0, 4), 1e-5, 1e-6));
        using var unmasked = encoder.forward(changed, null);
        Assert.False(unmasked.narrow(1, 0, 4).allclose(b.narrow(1, 0, 4), 1e-3, 1e-4));
    }

    [Fact]
    public void Encoder_validates_input_and_mask()
    {
        using var encoder = new TransformerEncoder(1, 8, 2, 16, 0.0);
        Assert.Throws<ArgumentException>(() => encoder.forward(torch.randn(2, 3, 9), null));
        var error = Assert.Throws<ArgumentException>(() => encoder.forward(torch.randn(2, 3, 8), torch.zeros(2, 4, dtype: torch.@bool)));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Throws<ArgumentException>(() => new TransformerEncoder(1, 10, 3, 16, 0.0));
    }

    [Fact]
    public void Dropout_is_active_only_in_training()
    {
        using var encoder = new TransformerEncoder(1, 16, 4, 32, 0.5);
        using var x = torch.randn(2, 5, 16);
        encoder.eval();
        Assert.True(encoder.forward(x, null).Same(encoder.forward(x, null)));
        encoder.train();
        Assert.False(encoder.forward(x, null).allclose(encoder.forward(x, null)));
    }

    [Fact]
    public void Heads_produce_logits_of_the_right_shape()
    {
        using var sequence = new SequenceClassificationHead(8, 3);
        Assert.Equal(new long[] { 5, 3 }, sequence.forward(torch.randn(5, 8)).shape);
        using var token = new TokenClassificationHead(8, 4);
        Assert.Equal(new long[] { 5, 7, 4 }, token.forward(torch.randn(5, 7, 8)).shape);
    }
}
