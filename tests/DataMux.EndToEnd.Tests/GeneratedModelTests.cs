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
}
