using System;
using DataMux.Backbones;
using DataMux.Batching;
using DataMux.Demultiplexers;
using DataMux.Multiplexers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

/// <summary>MUX-PLMs' learned-keys demux and contextual mux, and the wrapper of a user's backbone.</summary>
public class MuxPlmTests : SeededTests
{
    private const int Hidden = 16;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Learned_keys_put_only_cls_in_front_and_recover_one_row_per_input(int n)
    {
        var layout = new TokenLayout(50, n, 0);
        using var demux = new LearnedKeysDemultiplexer(layout, Hidden);
        Assert.Equal(1, demux.PrefixLength);
        Assert.Equal(new long[] { n, Hidden }, demux.Keys.shape);
        using var tokens = torch.randint(1, 50, new long[] { 2 * n, 5 });
        using var prefixed = demux.AddPrefix(tokens);
        Assert.Equal(new long[] { 2 * n, 6 }, prefixed.shape);
        Assert.True(prefixed.select(1, 0).eq(layout.Cls).all().item<bool>());

        using var hidden = torch.randn(2, 6, Hidden);
        Assert.Equal(new long[] { 2 * n, Hidden }, demux.Sequence(hidden).shape);
        Assert.Equal(new long[] { 2 * n, 5, Hidden }, demux.Tokens(hidden).shape);
    }

    [Fact]
    public void Learned_keys_compute_the_two_blocks_on_the_key_and_state_concatenation()
    {
        using var demux = new LearnedKeysDemultiplexer(new TokenLayout(50, 2, 0), Hidden);
        using var hidden = torch.randn(3, 4, Hidden);
        using var tokens = demux.Tokens(hidden);   // [G·N, L, d]

        // The reference's formula, written out: x = LN(GELU(W [k_i ; h])), y = LN'(GELU(W' x)) + x.
        var parameters = demux.named_parameters();
        Tensor Get(string name) { foreach (var (key, value) in parameters) if (key == name) return value; throw new InvalidOperationException(name); }
        using var state = hidden[1, 1 + 2];                        // group 1, content position 2
        using var joined = torch.cat(new[] { demux.Keys[1], state }, 0);
        using var first = nn.functional.layer_norm(nn.functional.gelu(nn.functional.linear(joined, Get("project.weight"), Get("project.bias"))), new long[] { Hidden }, Get("norm.weight"), Get("norm.bias"));
        using var second = nn.functional.layer_norm(nn.functional.gelu(nn.functional.linear(first, Get("output.weight"), Get("output.bias"))), new long[] { Hidden }, Get("output_norm.weight"), Get("output_norm.bias"));
        using var expected = second.add(first);
        Assert.True(tokens[1 * 2 + 1, 2].allclose(expected, 1e-5, 1e-5));

        using var pairs = torch.tensor(new long[] { 1, 1, 2 }, new long[] { 1, 3 });
        using var paired = demux.Pairs(hidden, pairs);
        Assert.True(paired[0].allclose(expected, 1e-5, 1e-5), "the retrieval objective reads the same demux");
    }

    [Fact]
    public void Learned_keys_name_the_shape_they_expected()
    {
        using var demux = new LearnedKeysDemultiplexer(new TokenLayout(50, 2, 0), Hidden);
        using var wrong = torch.randn(2, 1, Hidden);
        var error = Assert.Throws<ArgumentException>(() => demux.Sequence(wrong));
        Assert.StartsWith("LearnedKeysDemultiplexer expects backbone output of shape [G, 1 + L, 16] with L >= 1, but got shape [2, 1, 16].", error.Message);
        using var shortcut = torch.randn(4, Hidden);
        using var hidden = torch.randn(2, 3, Hidden);
        Assert.Contains("takes no input shortcut", Assert.Throws<ArgumentException>(() => demux.Sequence(hidden, shortcut)).Message);
    }

    [Fact]
    public void The_contextual_mix_has_one_row_per_group_and_checks_its_mask()
    {
        using var mux = new ContextualMultiplexer(3, Hidden, heads: 2, feedForward: 32, dropout: 0.0, seed: 1);
        using var embedded = torch.randn(6, 5, Hidden);
        using var mixed = mux.forward(embedded);
        Assert.Equal(new long[] { 2, 5, Hidden }, mixed.shape);

        using var wrongMask = torch.zeros(6, 4, dtype: ScalarType.Bool);
        var error = Assert.Throws<ArgumentException>(() => mux.Mix(embedded, wrongMask));
        Assert.StartsWith("ContextualMultiplexer expects a bool padding mask of shape [6, 5] (one row per input), but got Bool of shape [6, 4].", error.Message);
        using var rows = torch.randn(5, 5, Hidden);
        Assert.Contains("multiple of 3", Assert.Throws<ArgumentException>(() => mux.forward(rows)).Message);
    }

    [Fact]
    public void The_contextual_mix_ignores_what_padded_positions_hold_where_no_input_is_padding()
    {
        using var mux = new ContextualMultiplexer(2, Hidden, heads: 2, feedForward: 32, dropout: 0.0, seed: 1);
        mux.eval();
        using var embedded = torch.randn(2, 6, Hidden);
        using var padding = torch.zeros(2, 6, dtype: ScalarType.Bool);
        padding[0, 4] = torch.tensor(true);   // input 0 is padding at positions 4 and 5
        padding[0, 5] = torch.tensor(true);
        using var changed = embedded.clone();
        changed[0, 4] = torch.randn(Hidden);
        changed[0, 5] = torch.randn(Hidden);

        using var before = mux.Mix(embedded, padding);
        using var after = mux.Mix(changed, padding);
        // Positions 0..3 hold no padding: what input 0 holds at 4 and 5 reaches them through no attention.
        Assert.True(before.narrow(1, 0, 4).allclose(after.narrow(1, 0, 4), 1e-5, 1e-5));
        using var unmasked = mux.forward(changed);
        Assert.False(before.narrow(1, 0, 4).allclose(unmasked.narrow(1, 0, 4), 1e-5, 1e-5), "without the mask the padding is attended");
    }

    [Fact]
    public void The_contextual_vectors_are_a_buffer_unless_trainable_and_have_the_norm_asked_for()
    {
        using var fixedMux = new ContextualMultiplexer(2, Hidden, 2, 32, 0.0, seed: 1, normConstant: 20);
        using var norms = fixedMux.Vectors.norm(1);
        Assert.True(norms.allclose(torch.full(2, 20.0f), 1e-4, 1e-4));
        Assert.False(fixedMux.Vectors.requires_grad);
        using var learned = new ContextualMultiplexer(2, Hidden, 2, 32, 0.0, seed: 1, trainable: true);
        Assert.True(learned.Vectors.requires_grad);
    }

    [Fact]
    public void Instance_padding_marks_every_input_s_own_padding_after_the_prefix()
    {
        using var tokens = torch.tensor(new long[] { 5, 0, 7, 7, 0, 0 }, new long[] { 3, 2 });
        var batch = MultiplexedBatch.Group(tokens, 2, 0);   // a filler row of padding completes the group
        using var prefixed = torch.cat(new[] { torch.full(4, 1, 9L), batch.Tokens }, 1);
        using var mask = batch.InstancePaddingMask(prefixed)!;
        Assert.Equal(new long[] { 4, 3 }, mask.shape);
        Assert.Equal(new[] { false, false, true, false, false, false, false, true, true, false, true, true }, mask.data<bool>().ToArray());
        using var unpadded = torch.ones(2, 3, dtype: ScalarType.Int64);
        Assert.Null(MultiplexedBatch.Group(unpadded, 2, 0).InstancePaddingMask(unpadded));
    }

    [Fact]
    public void A_module_backbone_names_what_it_expected_and_what_it_got()
    {
        using var backbone = new ModuleBackbone(nn.Linear(Hidden, 8), Hidden);
        using var x = torch.randn(2, 3, Hidden);
        var error = Assert.Throws<InvalidOperationException>(() => backbone.forward(x, null));
        Assert.Equal("The backbone TorchSharp.Modules.Linear must return [G, S, Hidden] = [2, 3, 16] of Float32, as it was given, but returned Float32 of shape [2, 3, 8].", error.Message);
        using var narrow = torch.randn(2, 3, 8);
        Assert.StartsWith("The backbone TorchSharp.Modules.Linear expects input of shape [G, S, 16], but got shape [2, 3, 8].",
            Assert.Throws<ArgumentException>(() => backbone.forward(narrow, null)).Message);
        using var mask = torch.zeros(2, 4, dtype: ScalarType.Bool);
        using var good = new ModuleBackbone(nn.Identity(), Hidden);
        Assert.StartsWith("The backbone TorchSharp.Modules.Identity expects a bool padding mask of shape [2, 3], but got Bool of shape [2, 4].",
            Assert.Throws<ArgumentException>(() => good.forward(x, mask)).Message);
        using var same = good.forward(x, null);
        Assert.True(same.allclose(x));
    }
}
