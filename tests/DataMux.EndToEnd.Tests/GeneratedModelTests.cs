using System;
using System.IO;
using DataMux.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.EndToEnd.Tests;

public class GeneratedModelTests
{
    [Fact]
    public void Every_input_row_gets_exactly_one_output_from_its_own_group()
    {
        // Grouping and ungrouping; that row i of a group gets input i's result is what TrainingTests' per-instance
        // accuracy shows (a permutation inside groups would leave it near chance).
        using var model = new TenWayModel();
        model.eval();
        using var generator = new Generator(5);
        using var tokens = torch.randint(1, TenWayModel.Vocabulary, [37, TenWayModel.MaxLength], generator: generator, dtype: ScalarType.Int64);

        using var all = model.forward(tokens);

        Assert.Equal(new long[] { 37, TenWayModel.Classes }, all.shape);
        // Rows 30..36 form the last, padded group: run alone, they must give the same outputs.
        using var tail = model.forward(tokens.narrow(0, 30, 7));
        Assert.True(all.narrow(0, 30, 7).allclose(tail, rtol: 1e-4, atol: 1e-5));
        // Rows 0..9 are one full group: the same group on its own gives the same outputs, row by row.
        using var head = model.forward(tokens.narrow(0, 0, 10));
        Assert.True(all.narrow(0, 0, 10).allclose(head, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void A_saved_model_reloads_with_its_own_transforms_and_gives_identical_outputs()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("model.bin");
        using var tokens = torch.randint(1, FirstTokenModel.Vocabulary, [6, FirstTokenModel.MaxLength], dtype: ScalarType.Int64);
        using var original = new FirstTokenModel();
        original.eval();
        using var expected = original.forward(tokens);
        original.save(path);

        using var reloaded = new FirstTokenModel();
        // Perturb every parameter and buffer first, so that equality proves the load replaced them.
        using (torch.no_grad())
        {
            foreach (var (_, p) in reloaded.named_parameters()) p.add_(1.0);
            foreach (var (_, b) in reloaded.named_buffers()) if (b.is_floating_point()) b.add_(1.0);
        }
        reloaded.load(path);
        reloaded.eval();
        using var actual = reloaded.forward(tokens);

        Assert.True(actual.allclose(expected, rtol: 0, atol: 0));
    }

    [Fact]
    public void Wrong_tokens_are_an_argument_exception_naming_the_model_expected_and_actual()
    {
        using var model = new TenWayModel();
        using var tooLong = torch.zeros([2, TenWayModel.MaxLength + 1], dtype: ScalarType.Int64);

        var error = Assert.Throws<ArgumentException>(() => model.forward(tooLong));

        Assert.Contains(nameof(TenWayModel), error.Message);
        Assert.Contains($"1 <= length <= {TenWayModel.MaxLength}", error.Message);
        Assert.Contains($"[2, {TenWayModel.MaxLength + 1}]", error.Message);
    }

    [Fact]
    public void Tokens_on_another_device_than_the_model_are_an_argument_exception_naming_both()
    {
        using var model = new TenWayModel();
        using var elsewhere = torch.zeros([2, 4], dtype: ScalarType.Int64, device: torch.META);

        var error = Assert.Throws<ArgumentException>(() => model.forward(elsewhere));

        Assert.StartsWith($"{nameof(TenWayModel)} runs on cpu, but got token ids on meta", error.Message);
    }
    [Fact]
    public void A_user_backbone_that_changes_the_shape_is_named_with_expected_and_actual()
    {
        using var model = new ShorteningModel();
        using var tokens = TorchSharp.torch.ones(3, 4, dtype: TorchSharp.torch.ScalarType.Int64);
        var error = Assert.Throws<System.InvalidOperationException>(() => model.forward(tokens));
        // 2 groups; the index demux's prefix N + 1 = 3 and 4 tokens: S = 7.
        Assert.Equal("The backbone DataMux.EndToEnd.Tests.ShorteningEncoder must return [G, S, Hidden] = [2, 7, 16] of Float32, as it was given, but returned Float32 of shape [2, 6, 16].", error.Message);
    }

    [Fact]
    public void A_user_backbone_is_the_model_s_encoder_and_saves_under_encoder_module()
    {
        using var model = new MixerFirstTokenModel();
        var backbone = Assert.IsType<DataMux.Backbones.ModuleBackbone>(model.Parts.Encoder);
        Assert.IsType<MixerEncoder>(backbone.Module);
        Assert.Contains(model.state_dict().Keys, k => k.StartsWith("encoder.module.", System.StringComparison.Ordinal));
        Assert.Equal("DataMux.EndToEnd.Tests.MixerEncoder", MixerFirstTokenModel.Configuration.Backbone);
    }

    [Fact]
    public void The_contextual_mux_gives_padded_and_unpadded_batches_the_same_outputs()
    {
        // Padding an input to a longer length must not change any output: the contextual mux masks every input's own
        // padding in its first layer and padded inputs in its second; the backbone masks positions padded in all N.
        using var model = new ContextualFirstTokenModel();
        model.eval();
        using var generator = new TorchSharp.torch.Generator(3UL);
        using var tokens = TorchSharp.torch.randint(1, 32, new long[] { 8, 5 }, generator: generator, dtype: TorchSharp.torch.ScalarType.Int64);
        using var padded = TorchSharp.torch.nn.functional.pad(tokens, new long[] { 0, 3 });
        using var plain = model.forward(tokens);
        using var longer = model.forward(padded);
        Assert.True(plain.allclose(longer, rtol: 1e-4, atol: 1e-5), "padding changed the outputs");
    }
}
